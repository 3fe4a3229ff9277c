import type http from "node:http";
import { readJson, sendJson } from "../lib/http";
import { ApiError, apiError, sendApiError } from "./errors";
import type { Limits, Operation } from "./limits";
import type { AccessGrant, OAuthServer } from "./oauth";
import type { PushService } from "./push";
import type { CalendarState, CalendarStore, InstancesQuery, ListQuery, WriteOptions } from "./state";

const CALENDAR_SCOPE = "https://www.googleapis.com/auth/calendar";
const scopes = (...suffixes: string[]) => suffixes.map((suffix) => `${CALENDAR_SCOPE}${suffix}`);
const EVENT_READ = scopes("", ".readonly", ".events", ".events.readonly", ".events.owned", ".events.owned.readonly");
const EVENT_WRITE = scopes("", ".events", ".events.owned");
/**
 * The scopes that authorise each method, from the "Authorization" section of each method's page in
 * Google's Calendar API reference; a token without any of them gets Google's 403 below.
 */
const SCOPES_BY_OPERATION: Record<Operation, string[]> = {
  "calendarList.list": scopes("", ".readonly", ".calendarlist", ".calendarlist.readonly"),
  "calendarList.get": scopes("", ".readonly", ".calendarlist", ".calendarlist.readonly"),
  "calendars.get": scopes("", ".readonly", ".calendars", ".calendars.readonly", ".app.created"),
  "events.list": EVENT_READ,
  "events.get": EVENT_READ,
  "events.instances": EVENT_READ,
  "events.watch": EVENT_READ,
  "events.insert": EVENT_WRITE,
  "events.patch": EVENT_WRITE,
  "events.update": EVENT_WRITE,
  "events.delete": EVENT_WRITE,
  "freebusy.query": scopes("", ".readonly", ".freebusy", ".events.freebusy"),
  "channels.stop": [CALENDAR_SCOPE, ...EVENT_READ, ...scopes(".calendarlist", ".calendarlist.readonly", ".settings.readonly", ".acls", ".acls.readonly")],
};
const RPC_METHOD: Record<Operation, string> = {
  "calendarList.list": "CalendarList.List",
  "calendarList.get": "CalendarList.Get",
  "calendars.get": "Calendars.Get",
  "events.list": "Events.List",
  "events.get": "Events.Get",
  "events.instances": "Events.Instances",
  "events.watch": "Events.Watch",
  "events.insert": "Events.Insert",
  "events.patch": "Events.Patch",
  "events.update": "Events.Update",
  "events.delete": "Events.Delete",
  "freebusy.query": "Freebusy.Query",
  "channels.stop": "Channels.Stop",
};

/** What Google answers a token that lacks every scope the method accepts. */
function insufficientScopes(operation: Operation): ApiError {
  return new ApiError({
    status: 403,
    reason: "insufficientPermissions",
    message: "Request had insufficient authentication scopes.",
    itemMessage: "Insufficient Permission",
    details: [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
        domain: "googleapis.com",
        metadata: { service: "calendar-json.googleapis.com", method: `calendar.v3.${RPC_METHOD[operation]}` },
      },
    ],
    headers: {
      "www-authenticate": `Bearer realm="https://accounts.google.com/", error="insufficient_scope", scope="${SCOPES_BY_OPERATION[operation].join(" ")}"`,
    },
  });
}
/** Parameters Google refuses next to a syncToken, because the token already fixes the result set. */
const NOT_WITH_SYNC_TOKEN = [
  "timeMin",
  "timeMax",
  "updatedMin",
  "q",
  "orderBy",
  "iCalUID",
  "privateExtendedProperty",
  "sharedExtendedProperty",
];

interface Route {
  operation: Operation;
  write: boolean;
  run(ctx: RequestContext): Promise<void> | void;
}

interface RequestContext {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  url: URL;
  grant: AccessGrant;
  segments: string[];
}

export interface CalendarApiDeps {
  oauth: OAuthServer;
  store: CalendarStore;
  push: PushService;
  limits: Limits;
  baseUrl: () => string;
}

const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

function parseInstant(value: string | null, name: string): number | undefined {
  if (value === null) return undefined;
  const ms = /(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw apiError(400, "invalid", `Bad Request: invalid ${name}`);
  return ms;
}

function parseBoolean(value: string | null): boolean {
  return value === "true";
}

/** maxResults, timeMin and timeMax as events.list and events.instances check them. */
function pageWindow(params: URLSearchParams) {
  const maxResults = params.has("maxResults") ? Number(params.get("maxResults")) : undefined;
  if (maxResults !== undefined && (!Number.isInteger(maxResults) || maxResults < 1)) {
    throw apiError(400, "invalid", "Invalid value for: maxResults");
  }
  const timeMin = parseInstant(params.get("timeMin"), "timeMin");
  const timeMax = parseInstant(params.get("timeMax"), "timeMax");
  if (timeMin !== undefined && timeMax !== undefined && timeMax <= timeMin) {
    throw apiError(400, "timeRangeEmpty", "The specified time range is empty.");
  }
  return { maxResults, timeMin, timeMax };
}

function writeOptions(ctx: RequestContext): WriteOptions {
  const raw = ctx.url.searchParams.get("conferenceDataVersion") ?? "0";
  const version = Number(raw);
  if (!Number.isInteger(version) || version < 0 || version > 1) {
    throw apiError(400, "invalid", "Invalid conference data version value.");
  }
  const ifMatch = ctx.req.headers["if-match"];
  return { conferenceDataVersion: version, ifMatch: typeof ifMatch === "string" ? ifMatch : undefined };
}

export function createCalendarApi(deps: CalendarApiDeps) {
  const { store, push, limits } = deps;

  function calendarFor(ctx: RequestContext, rawId: string): CalendarState {
    const id = rawId === "primary" ? ctx.grant.account.email : rawId;
    const calendar = store.calendar(id);
    if (!calendar || calendar.ownerSub !== ctx.grant.account.sub) throw apiError(404, "notFound", "Not Found");
    return calendar;
  }

  async function body(ctx: RequestContext): Promise<Record<string, unknown>> {
    try {
      const parsed = await readJson<unknown>(ctx.req);
      if (parsed === undefined) return {};
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
      return parsed as Record<string, unknown>;
    } catch {
      throw apiError(400, "parseError", "Parse Error");
    }
  }

  function calendarListEntry(calendar: CalendarState) {
    return {
      kind: "calendar#calendarListEntry",
      etag: `"${calendar.changeSeq}"`,
      id: calendar.id,
      summary: calendar.summary,
      timeZone: calendar.timeZone,
      colorId: "14",
      backgroundColor: "#9fe1e7",
      foregroundColor: "#000000",
      selected: true,
      accessRole: "owner",
      defaultReminders: [],
      conferenceProperties: { allowedConferenceSolutionTypes: ["hangoutsMeet"] },
      primary: true,
    };
  }

  function listQuery(url: URL): ListQuery {
    const params = url.searchParams;
    const syncToken = params.get("syncToken") ?? undefined;
    // Google documents that a sync token always returns deletions, so showDeleted=false is not
    // allowed with it; it answers that and every other restricting filter with this 400.
    if (syncToken && (NOT_WITH_SYNC_TOKEN.some((name) => params.has(name)) || params.get("showDeleted") === "false")) {
      throw apiError(400, "syncTokenWithRequestRestrictions", "Sync token cannot be used with other request restrictions.");
    }
    const singleEvents = parseBoolean(params.get("singleEvents"));
    const orderBy = params.get("orderBy") ?? undefined;
    if (orderBy !== undefined && orderBy !== "startTime" && orderBy !== "updated") {
      throw apiError(400, "invalid", "Invalid value for: orderBy");
    }
    if (orderBy === "startTime" && !singleEvents) {
      throw apiError(400, "invalid", "The requested ordering is not available for the particular query.");
    }
    const { maxResults, timeMin, timeMax } = pageWindow(params);
    return {
      syncToken,
      pageToken: params.get("pageToken") ?? undefined,
      maxResults,
      singleEvents,
      showDeleted: parseBoolean(params.get("showDeleted")),
      timeMin,
      timeMax,
      updatedMin: parseInstant(params.get("updatedMin"), "updatedMin"),
      orderBy,
      q: params.get("q") ?? undefined,
      iCalUID: params.get("iCalUID") ?? undefined,
      privateExtendedProperty: params.getAll("privateExtendedProperty"),
      sharedExtendedProperty: params.getAll("sharedExtendedProperty"),
    };
  }

  function instancesQuery(url: URL): InstancesQuery {
    const params = url.searchParams;
    const { maxResults, timeMin, timeMax } = pageWindow(params);
    const originalStart = params.get("originalStart") ?? undefined;
    if (originalStart !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(originalStart)) parseInstant(originalStart, "originalStart");
    return {
      pageToken: params.get("pageToken") ?? undefined,
      maxResults,
      showDeleted: parseBoolean(params.get("showDeleted")),
      timeMin,
      timeMax,
      originalStart,
    };
  }

  function route(method: string, segments: string[]): Route | null {
    const [first, second, third, fourth, fifth] = segments;
    const length = segments.length;
    if (first === "users" && second === "me" && third === "calendarList" && method === "GET") {
      if (length === 3) {
        return {
          operation: "calendarList.list",
          write: false,
          run: (ctx) => {
            const items = store
              .calendars()
              .filter((c) => c.ownerSub === ctx.grant.account.sub)
              .map(calendarListEntry);
            sendJson(ctx.res, 200, { kind: "calendar#calendarList", etag: `"${items.length}"`, items });
          },
        };
      }
      if (length === 4) {
        return {
          operation: "calendarList.get",
          write: false,
          run: (ctx) => sendJson(ctx.res, 200, calendarListEntry(calendarFor(ctx, fourth!))),
        };
      }
    }
    if (first === "channels" && second === "stop" && length === 2 && method === "POST") {
      return {
        operation: "channels.stop",
        write: false,
        run: async (ctx) => {
          const input = await body(ctx);
          push.stop({ id: input.id, resourceId: input.resourceId, ownerSub: ctx.grant.account.sub });
          ctx.res.writeHead(204).end();
        },
      };
    }
    if (first === "freeBusy" && length === 1 && method === "POST") {
      return { operation: "freebusy.query", write: false, run: freeBusy };
    }
    if (first !== "calendars" || second === undefined) return null;
    if (length === 2 && method === "GET") {
      return {
        operation: "calendars.get",
        write: false,
        run: (ctx) => {
          const calendar = calendarFor(ctx, second);
          sendJson(ctx.res, 200, {
            kind: "calendar#calendar",
            etag: `"${calendar.changeSeq}"`,
            id: calendar.id,
            summary: calendar.summary,
            timeZone: calendar.timeZone,
            conferenceProperties: { allowedConferenceSolutionTypes: ["hangoutsMeet"] },
          });
        },
      };
    }
    if (third !== "events") return null;
    if (length === 3 && method === "GET") {
      return {
        operation: "events.list",
        write: false,
        run: (ctx) => sendJson(ctx.res, 200, store.list(calendarFor(ctx, second).id, listQuery(ctx.url))),
      };
    }
    if (length === 3 && method === "POST") {
      return {
        operation: "events.insert",
        write: true,
        run: async (ctx) => {
          const calendar = calendarFor(ctx, second);
          const options = writeOptions(ctx);
          const event = store.insert(calendar.id, await body(ctx), options);
          sendJson(ctx.res, 200, store.toResource(event));
        },
      };
    }
    if (length === 4 && fourth === "watch" && method === "POST") {
      return {
        operation: "events.watch",
        write: false,
        run: async (ctx) => {
          const calendar = calendarFor(ctx, second);
          const resourceUri = `${deps.baseUrl()}/calendar/v3/calendars/${encodeURIComponent(second)}/events?alt=json`;
          const channel = push.watch({ calendarId: calendar.id, ownerSub: ctx.grant.account.sub, resourceUri, body: await body(ctx) });
          sendJson(ctx.res, 200, {
            kind: "api#channel",
            id: channel.id,
            resourceId: channel.resourceId,
            resourceUri: channel.resourceUri,
            ...(channel.token !== undefined ? { token: channel.token } : {}),
            expiration: String(channel.expiration),
          });
        },
      };
    }
    if (length === 5 && fifth === "instances" && method === "GET") {
      return {
        operation: "events.instances",
        write: false,
        run: (ctx) => sendJson(ctx.res, 200, store.instances(calendarFor(ctx, second).id, fourth!, instancesQuery(ctx.url))),
      };
    }
    if (length !== 4 || fifth !== undefined) return null;
    const eventId = fourth!;
    switch (method) {
      case "GET":
        return {
          operation: "events.get",
          write: false,
          run: (ctx) => {
            store.settleConferences();
            sendJson(ctx.res, 200, store.toResource(store.get(calendarFor(ctx, second).id, eventId)));
          },
        };
      case "PATCH":
      case "PUT":
        return {
          operation: method === "PATCH" ? "events.patch" : "events.update",
          write: true,
          run: async (ctx) => {
            const calendarId = calendarFor(ctx, second).id;
            const options = writeOptions(ctx);
            const input = await body(ctx);
            const event =
              method === "PATCH"
                ? store.patch(calendarId, eventId, input, options)
                : store.update(calendarId, eventId, input, options);
            sendJson(ctx.res, 200, store.toResource(event));
          },
        };
      case "DELETE":
        return {
          operation: "events.delete",
          write: true,
          run: (ctx) => {
            const ifMatch = ctx.req.headers["if-match"];
            store.remove(calendarFor(ctx, second).id, eventId, { ifMatch: typeof ifMatch === "string" ? ifMatch : undefined });
            ctx.res.writeHead(204).end();
          },
        };
      default:
        return null;
    }
  }

  async function freeBusy(ctx: RequestContext): Promise<void> {
    const input = await body(ctx);
    const timeMin = parseInstant(typeof input.timeMin === "string" ? input.timeMin : null, "timeMin");
    const timeMax = parseInstant(typeof input.timeMax === "string" ? input.timeMax : null, "timeMax");
    if (timeMin === undefined) throw apiError(400, "required", "Missing timeMin parameter.");
    if (timeMax === undefined) throw apiError(400, "required", "Missing timeMax parameter.");
    if (timeMax <= timeMin) throw apiError(400, "timeRangeEmpty", "The specified time range is empty.");
    const items = Array.isArray(input.items) ? (input.items as { id?: unknown }[]) : [];
    const calendars: Record<string, unknown> = {};
    for (const item of items) {
      const requested = String(item.id ?? "");
      try {
        const calendar = calendarFor(ctx, requested);
        calendars[requested] = {
          busy: store.busy(calendar.id, timeMin, timeMax).map((b) => ({ start: rfc3339(b.start), end: rfc3339(b.end) })),
        };
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        calendars[requested] = { errors: [{ domain: "global", reason: "notFound" }], busy: [] };
      }
    }
    sendJson(ctx.res, 200, { kind: "calendar#freeBusy", timeMin: rfc3339(timeMin), timeMax: rfc3339(timeMax), calendars });
  }

  function sendUnauthenticated(res: http.ServerResponse): void {
    const message =
      "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.";
    sendJson(
      res,
      401,
      {
        error: {
          code: 401,
          message,
          errors: [{ message: "Invalid Credentials", domain: "global", reason: "authError", location: "Authorization", locationType: "header" }],
          status: "UNAUTHENTICATED",
        },
      },
      { "www-authenticate": 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
    );
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
    if (!url.pathname.startsWith("/calendar/v3/")) return false;
    const segments = url.pathname.slice("/calendar/v3/".length).split("/").filter(Boolean).map(decodeURIComponent);
    const matched = route(req.method ?? "GET", segments);
    if (!matched) {
      sendApiError(res, { status: 404, reason: "notFound", message: "Not Found" });
      return true;
    }
    const auth = deps.oauth.authenticate(req.headers.authorization);
    if (!auth.ok) {
      sendUnauthenticated(res);
      return true;
    }
    const ctx: RequestContext = { req, res, url, grant: auth.grant, segments };
    try {
      const accepted = SCOPES_BY_OPERATION[matched.operation];
      if (!auth.grant.scopes.some((scope) => accepted.includes(scope))) throw insufficientScopes(matched.operation);
      const overQuota = limits.checkQuota(auth.grant.account.sub);
      if (overQuota) throw new ApiError(overQuota);
      const fault = limits.takeFault(matched.operation);
      if (fault) throw new ApiError(fault);
      await matched.run(ctx);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      sendApiError(res, error.spec);
    }
    return true;
  }

  return { handle };
}
