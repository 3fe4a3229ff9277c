import type { TRPCError } from "@trpc/server";
import { clientKeyFromIp, emailKey, phoneKey } from "@/server/rate-limit/keys";
import type { RateLimitPolicyName } from "@/server/rate-limit/policies";
import type { TRPCContext } from "./context";
import { describeError } from "./error-map";
import { t } from "./init";

/** Errors already logged with their procedure, so the route handler does not log them again. */
const loggedErrors = new WeakSet<TRPCError>();

export function wasLogged(error: TRPCError): boolean {
  return loggedErrors.has(error);
}

/**
 * One log line per procedure call: request id (on the context's logger), path, type, duration
 * and outcome ("ok" or the app code). Inputs are never logged; an unexpected error is logged by
 * class and code only (see server/logger), because its message may quote patient data.
 */
export const requestLog = t.middleware(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await next();
  const durationMs = Math.round((performance.now() - started) * 10) / 10;
  if (result.ok) {
    ctx.logger.info({ path, type, durationMs, outcome: "ok" }, "procedure");
    return result;
  }
  loggedErrors.add(result.error);
  const outcome = describeError(result.error).data.appCode;
  if (outcome === "INTERNAL" || outcome === "UNAVAILABLE") {
    ctx.logger.error({ path, type, durationMs, outcome, err: result.error.cause ?? result.error }, "procedure failed");
  } else {
    ctx.logger.info({ path, type, durationMs, outcome }, "procedure refused");
  }
  return result;
});

type KeyOf<TInput> = (input: TInput, ctx: TRPCContext) => string | null | undefined;

/**
 * Counts the call against a rate-limit policy (see server/rate-limit/policies.ts) and refuses
 * it with RATE_LIMITED once the key is over. The key defaults to the client address; placed
 * after `.input()`, a key function can read the parsed input. A null key skips the policy.
 */
export function rateLimited<TInput = unknown>(policy: RateLimitPolicyName, key?: KeyOf<TInput>) {
  return t.middleware(async ({ ctx, input, next }) => {
    const value = key ? key(input as TInput, ctx) : clientKeyFromIp(ctx.request.ipAddress);
    if (value) await ctx.rateLimiter.consume(policy, value);
    return next();
  });
}

interface WithContact {
  contact?: { email?: string | null; phone?: string | null } | null;
}

/** The client address, for the calls where `applies(input)` holds; the others skip the policy. */
export function byClientWhen<TInput>(applies: (input: TInput) => boolean): KeyOf<TInput> {
  return (input, ctx) => (applies(input) ? clientKeyFromIp(ctx.request.ipAddress) : null);
}

/** A booking's contact email, or the signed-in patient's account email when none is given. */
export const byContactEmail: KeyOf<WithContact> = (input, ctx) => {
  const email = input.contact?.email ?? ctx.session?.user.email;
  return email ? emailKey(email) : null;
};

export const byContactPhone: KeyOf<WithContact> = (input) => (input.contact?.phone ? phoneKey(input.contact.phone) : null);
