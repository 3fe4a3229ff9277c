import type http from "node:http";
import { readJson, sendJson } from "../lib/http";
import { ApiError, sendApiError } from "./errors";
import { OPERATIONS, type Operation } from "./limits";
import type { GoogleEmulator } from "./index";

type Input = Record<string, unknown>;
type Handler = (input: Input) => unknown;

function text(input: Input, key: string): string {
  const value = input[key];
  if (typeof value !== "string" || value.length === 0) throw new ControlError(`"${key}" must be a non-empty string`);
  return value;
}

function object(input: Input, key: string): Input {
  const value = input[key];
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ControlError(`"${key}" must be an object`);
  return value as Input;
}

function count(input: Input, key: string): number {
  const value = input[key];
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw new ControlError(`"${key}" must be a non-negative number`);
  return value;
}

class ControlError extends Error {}

/** JSON control endpoints under /__control for the inbox page and end-to-end tests (loopback only). */
export function createControlApi(emulator: GoogleEmulator) {
  const get: Record<string, () => unknown> = {
    "/__control/snapshot": () => emulator.snapshot(),
    "/__control/accounts": () => ({ accounts: emulator.listAccounts() }),
  };
  const post: Record<string, Handler> = {
    "/__control/clock/advance": (input) => {
      emulator.advanceTime(count(input, "ms"));
      return { now: new Date(emulator.now()).toISOString() };
    },
    "/__control/accounts": () => ({ accounts: emulator.listAccounts() }),
    "/__control/oauth/expire-access-tokens": () => {
      emulator.expireAccessTokens();
      return {};
    },
    "/__control/oauth/revoke-refresh-token": (input) => ({ revoked: emulator.revokeRefreshToken(text(input, "token")) }),
    "/__control/oauth/issue-tokens": (input) =>
      emulator.issueTokens({
        clientId: text(input, "clientId"),
        email: text(input, "email"),
        scopes: Array.isArray(input.scopes) ? input.scopes.map(String) : [],
        offline: input.offline === true,
      }),
    "/__control/calendar/events/create": (input) => emulator.createEvent(text(input, "email"), object(input, "event")),
    "/__control/calendar/events/patch": (input) =>
      emulator.patchEvent(text(input, "email"), text(input, "eventId"), object(input, "patch")),
    "/__control/calendar/events/move": (input) =>
      emulator.moveEvent(text(input, "email"), text(input, "eventId"), { start: object(input, "start"), end: object(input, "end") }),
    "/__control/calendar/events/cancel": (input) => emulator.cancelEvent(text(input, "email"), text(input, "eventId")),
    "/__control/calendar/events/delete": (input) => {
      emulator.deleteEvent(text(input, "email"), text(input, "eventId"));
      return {};
    },
    "/__control/calendar/sync-tokens/invalidate": (input) => {
      emulator.invalidateSyncTokens(text(input, "calendarId"));
      return {};
    },
    "/__control/calendar/faults": (input) => {
      const operation = text(input, "operation");
      if (!OPERATIONS.includes(operation as Operation)) {
        throw new ControlError(`"operation" must be one of ${OPERATIONS.join(", ")}`);
      }
      emulator.failNext(operation as Operation, {
        status: count(input, "status"),
        count: input.count === undefined ? 1 : count(input, "count"),
        reason: typeof input.reason === "string" ? input.reason : undefined,
      });
      return {};
    },
    "/__control/calendar/meet/fail-next": (input) => {
      emulator.failNextConferences(input.count === undefined ? 1 : count(input, "count"));
      return {};
    },
    "/__control/calendar/quota": (input) => {
      const perUserPerMinute = input.perUserPerMinute;
      emulator.setQuota(
        perUserPerMinute === null || perUserPerMinute === undefined
          ? undefined
          : { perUserPerMinute: count(input, "perUserPerMinute"), status: input.status === 429 ? 429 : 403 },
      );
      return {};
    },
    "/__control/push/channels/expire": (input) => ({ expired: emulator.expireChannel(text(input, "channelId")) }),
    "/__control/push/drop": (input) => {
      emulator.dropNextNotifications(count(input, "count"));
      return {};
    },
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
    if (!url.pathname.startsWith("/__control/")) return false;
    try {
      if (req.method === "GET" && get[url.pathname]) {
        sendJson(res, 200, get[url.pathname]!());
        return true;
      }
      const handler = req.method === "POST" ? post[url.pathname] : undefined;
      if (!handler) {
        sendJson(res, 404, { error: `No control endpoint ${req.method} ${url.pathname}` });
        return true;
      }
      let input: unknown;
      try {
        input = (await readJson(req)) ?? {};
      } catch {
        throw new ControlError("body must be JSON");
      }
      if (typeof input !== "object" || input === null || Array.isArray(input)) throw new ControlError("body must be a JSON object");
      sendJson(res, 200, handler(input as Input) ?? {});
    } catch (error) {
      if (error instanceof ApiError) sendApiError(res, error.spec);
      else if (error instanceof ControlError || error instanceof Error) sendJson(res, 400, { error: error.message });
      else throw error;
    }
    return true;
  }

  return { handle };
}
