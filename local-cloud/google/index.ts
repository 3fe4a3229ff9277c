import type http from "node:http";
import type { Emulator } from "../lib/http";
import { sendJson } from "../lib/http";
import { createCalendarApi } from "./calendar";
import { createControlApi } from "./control";
import { sendApiError } from "./errors";
import { createLimits, type FaultConfig, type Operation, type QuotaConfig } from "./limits";
import { createOAuthServer, type Account, type AccountConfig, type IssuedTokens, type OAuthClientConfig } from "./oauth";
import { createPushService, type NotificationReport } from "./push";
import { createCalendarStore } from "./state";

export type { Account, AccountConfig, IssuedTokens, OAuthClientConfig } from "./oauth";
export type { FaultConfig, Operation, QuotaConfig } from "./limits";
export type { NotificationReport } from "./push";

export interface GoogleAccountConfig extends AccountConfig {
  /** Time zone of the account's primary calendar; defaults to `calendar.defaultTimeZone`. */
  timeZone?: string;
}

export interface GoogleEmulatorOptions {
  clients: OAuthClientConfig[];
  accounts: GoogleAccountConfig[];
  /** Base clock in ms (default Date.now); `advanceTime` adds to it. */
  now?: () => number;
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  calendar?: {
    defaultTimeZone?: string;
    quota?: QuotaConfig;
    /** How long a Meet conference stays `pending` (emulator clock; also settled by a real timer). */
    meetDelayMs?: number;
  };
  push?: {
    retryBaseDelayMs?: number;
    maxAttempts?: number;
    requestTimeoutMs?: number;
    /**
     * Google refuses watch addresses that are not HTTPS (400 push.webhookUrlNotHttps); the local
     * cloud makes one exception by default, http:// on 127.0.0.1, [::1] or localhost. False = as Google.
     */
    allowLoopbackHttp?: boolean;
  };
}

export type EventInput = Record<string, unknown>;

export interface GoogleEmulator extends Emulator {
  /** The OIDC issuer (the base URL, no trailing slash); throws before the server listens. */
  readonly issuer: string;
  now(): number;
  advanceTime(ms: number): void;
  listAccounts(): Account[];
  issueTokens(input: { clientId: string; email: string; scopes: string[]; offline?: boolean }): IssuedTokens;
  revokeRefreshToken(token: string): boolean;
  expireAccessTokens(): void;
  createEvent(email: string, event: EventInput): Record<string, unknown>;
  patchEvent(email: string, eventId: string, patch: EventInput): Record<string, unknown>;
  moveEvent(email: string, eventId: string, times: { start: EventInput; end: EventInput }): Record<string, unknown>;
  cancelEvent(email: string, eventId: string): Record<string, unknown>;
  deleteEvent(email: string, eventId: string): void;
  invalidateSyncTokens(calendarId: string): void;
  expireChannel(channelId: string): boolean;
  dropNextNotifications(count: number): void;
  failNext(operation: Operation, fault: FaultConfig): void;
  /** The next `count` Meet conferences requested settle to `failure` instead of `success`. */
  failNextConferences(count: number): void;
  setQuota(quota: QuotaConfig | undefined): void;
  onNotification(listener: (report: NotificationReport) => void): () => void;
  /** Resolves when every push notification sent so far is delivered, dropped or abandoned. */
  notificationsSettled(): Promise<void>;
  snapshot(): GoogleSnapshot;
}

export interface GoogleSnapshot {
  now: string;
  accounts: Account[];
  oauth: ReturnType<ReturnType<typeof createOAuthServer>["snapshot"]>;
  calendars: ReturnType<ReturnType<typeof createCalendarStore>["snapshot"]>["calendars"];
  syncTokens: ReturnType<ReturnType<typeof createCalendarStore>["snapshot"]>["syncTokens"];
  channels: ReturnType<ReturnType<typeof createPushService>["snapshot"]>;
  limits: ReturnType<ReturnType<typeof createLimits>["snapshot"]>;
}

export function createGoogleEmulator(options: GoogleEmulatorOptions): GoogleEmulator {
  const baseNow = options.now ?? Date.now;
  let skewMs = 0;
  const now = () => baseNow() + skewMs;
  let baseUrl: string | undefined;
  const requireBaseUrl = () => {
    if (!baseUrl) throw new Error("local cloud google: the emulator is not listening yet");
    return baseUrl;
  };
  const meetTimers = new Set<NodeJS.Timeout>();

  const oauth = createOAuthServer({
    clients: options.clients,
    accounts: options.accounts,
    now,
    issuer: requireBaseUrl,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
    refreshTokenTtlSeconds: options.refreshTokenTtlSeconds,
  });
  const push = createPushService({
    now,
    retryBaseDelayMs: options.push?.retryBaseDelayMs ?? 1000,
    maxAttempts: options.push?.maxAttempts ?? 5,
    requestTimeoutMs: options.push?.requestTimeoutMs ?? 10_000,
    allowLoopbackHttp: options.push?.allowLoopbackHttp ?? true,
  });
  const limits = createLimits({ now, quota: options.calendar?.quota });
  const store = createCalendarStore({
    now,
    meetDelayMs: options.calendar?.meetDelayMs ?? 2000,
    onChange: (calendarId) => push.notifyChange(calendarId),
    onConferencePending: (_calendarId, delayMs) => {
      const timer = setTimeout(() => {
        meetTimers.delete(timer);
        store.settleConferences();
      }, delayMs);
      timer.unref();
      meetTimers.add(timer);
    },
  });
  const defaultTimeZone = options.calendar?.defaultTimeZone ?? "UTC";
  for (const config of options.accounts) {
    const account = oauth.findAccount(config.email)!;
    store.addCalendar({
      id: account.email,
      ownerSub: account.sub,
      summary: account.email,
      timeZone: config.timeZone ?? defaultTimeZone,
    });
  }
  const calendarApi = createCalendarApi({ oauth, store, push, limits, baseUrl: requireBaseUrl });

  const calendarOf = (email: string) => {
    const account = oauth.findAccount(email);
    if (!account) throw new Error(`local cloud google: unknown account ${email}`);
    return account.email;
  };
  const ownerWrite = { conferenceDataVersion: 1 };

  const emulator: GoogleEmulator = {
    name: "google",
    get issuer() {
      return requireBaseUrl();
    },
    onListen(url) {
      baseUrl = url.replace(/\/+$/, "");
    },
    async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
      if (await oauth.handle(req, res, url)) return;
      if (await calendarApi.handle(req, res, url)) return;
      if (await control.handle(req, res, url)) return;
      if (url.pathname === "/" || url.pathname === "/health") {
        return sendJson(res, 200, { name: "google", issuer: baseUrl, now: new Date(now()).toISOString() });
      }
      sendApiError(res, { status: 404, reason: "notFound", message: `Not Found: ${req.method} ${url.pathname}` });
    },
    close() {
      push.close();
      for (const timer of meetTimers) clearTimeout(timer);
      meetTimers.clear();
    },
    now,
    advanceTime(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error("local cloud google: advanceTime needs a non-negative number of ms");
      skewMs += ms;
      store.settleConferences();
    },
    listAccounts: () => oauth.accounts(),
    issueTokens: (input) => oauth.issueTokens(input),
    revokeRefreshToken: (token) => oauth.revokeRefreshToken(token),
    expireAccessTokens: () => oauth.expireAccessTokens(),
    createEvent(email, event) {
      return store.toResource(store.insert(calendarOf(email), event, ownerWrite));
    },
    patchEvent(email, eventId, patch) {
      return store.toResource(store.patch(calendarOf(email), eventId, patch, ownerWrite));
    },
    moveEvent(email, eventId, times) {
      return store.toResource(store.patch(calendarOf(email), eventId, times, { conferenceDataVersion: 0 }));
    },
    cancelEvent(email, eventId) {
      return store.toResource(store.patch(calendarOf(email), eventId, { status: "cancelled" }, { conferenceDataVersion: 0 }));
    },
    deleteEvent(email, eventId) {
      store.remove(calendarOf(email), eventId);
    },
    invalidateSyncTokens: (calendarId) => store.invalidateSyncTokens(calendarId),
    expireChannel: (channelId) => push.expireChannel(channelId),
    dropNextNotifications: (count) => push.dropNextNotifications(count),
    failNext: (operation, fault) => limits.failNext(operation, fault),
    failNextConferences: (count) => store.failNextConferences(count),
    setQuota: (quota) => limits.setQuota(quota),
    onNotification(listener) {
      push.events.on("notification", listener);
      return () => push.events.off("notification", listener);
    },
    notificationsSettled: () => push.idle(),
    snapshot() {
      const calendarState = store.snapshot();
      return {
        now: new Date(now()).toISOString(),
        accounts: oauth.accounts(),
        oauth: oauth.snapshot(),
        calendars: calendarState.calendars,
        syncTokens: calendarState.syncTokens,
        channels: push.snapshot(),
        limits: limits.snapshot(),
      };
    },
  };
  const control = createControlApi(emulator);
  return emulator;
}
