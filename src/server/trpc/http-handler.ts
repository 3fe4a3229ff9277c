import type { AnyTRPCRouter, TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { AppError } from "@/lib/errors/app-error";
import { isDatabaseUnavailableError } from "@/server/db/client";
import type { Logger } from "@/server/logger/logger";
import { requestMetaFromHeaders, type TRPCContext } from "./context";
import { databaseUnavailableError, describeError, MAX_BATCH_SIZE, toTRPCError } from "./error-map";
import { wasLogged } from "./middleware";

/** The seconds a RATE_LIMITED refusal asks the caller to wait, or null. */
function retryAfterSeconds(error: TRPCError): number | null {
  const cause = error.cause;
  if (!(cause instanceof AppError) || cause.code !== "RATE_LIMITED") return null;
  const seconds = cause.details?.retryAfterSeconds;
  return typeof seconds === "number" && seconds > 0 ? Math.ceil(seconds) : null;
}

/** A path the log may carry: a procedure of the router, never the caller's free text. */
function loggablePath(router: AnyTRPCRouter, path: string | undefined): string | null {
  if (path === undefined) return null;
  return Object.hasOwn(router._def.procedures, path) ? path : "(unknown procedure)";
}

/**
 * Serves the tRPC endpoint: batches of at most MAX_BATCH_SIZE calls, `Retry-After` on a
 * rate-limited answer, a database outage while building the context answered as UNAVAILABLE,
 * and a log line for refusals that never reached a procedure (wrong method, content type,
 * batch size, unknown path). Procedures log themselves (middleware.ts).
 */
export function handleTRPCRequest<TRouter extends AnyTRPCRouter>(options: {
  req: Request;
  router: TRouter;
  createContext: () => Promise<TRPCContext>;
  logger: Logger;
  endpoint?: string;
}): Promise<Response> {
  return fetchRequestHandler({
    endpoint: options.endpoint ?? "/api/trpc",
    req: options.req,
    router: options.router,
    maxBatchSize: MAX_BATCH_SIZE,
    async createContext() {
      try {
        return await options.createContext();
      } catch (error) {
        if (isDatabaseUnavailableError(error)) throw toTRPCError(databaseUnavailableError(error));
        throw error;
      }
    },
    responseMeta({ errors }) {
      const waits = errors.map(retryAfterSeconds).filter((seconds): seconds is number => seconds !== null);
      return waits.length > 0 ? { headers: new Headers({ "retry-after": String(Math.max(...waits)) }) } : {};
    },
    onError({ error, path, ctx }) {
      if (wasLogged(error)) return;
      // Refusals before the context exists (content type, batch size) still carry a request id.
      const logger =
        (ctx as TRPCContext | undefined)?.logger ??
        options.logger.child({ requestId: requestMetaFromHeaders(options.req.headers).requestId });
      const outcome = describeError(error).data.appCode;
      const fields = { path: loggablePath(options.router, path), method: options.req.method, outcome, trpcCode: error.code };
      if (outcome === "INTERNAL" || outcome === "UNAVAILABLE") {
        logger.error({ ...fields, err: error.cause ?? error }, "request failed");
      } else {
        logger.info(fields, "request refused");
      }
    },
  });
}
