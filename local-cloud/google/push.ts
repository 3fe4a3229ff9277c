import { EventEmitter } from "node:events";
import { apiError } from "./errors";
import { randomString } from "./ids";

export interface Channel {
  id: string;
  resourceId: string;
  resourceUri: string;
  calendarId: string;
  ownerSub: string;
  address: string;
  token?: string;
  expiration: number;
  lastMessageNumber: number;
  stopped: boolean;
}

export type ResourceState = "sync" | "exists";

export interface NotificationReport {
  channelId: string;
  messageNumber: number;
  resourceState: ResourceState;
  attempt: number;
  outcome: "delivered" | "retrying" | "failed" | "dropped";
  status?: number;
  error?: string;
}

export interface PushOptions {
  now: () => number;
  /** First retry delay; each later one doubles (Google retries 5xx with exponential backoff). */
  retryBaseDelayMs: number;
  maxAttempts: number;
  requestTimeoutMs: number;
  /** Accept `http://` watch addresses on 127.0.0.1, ::1 and localhost (default true; Google never does). */
  allowLoopbackHttp?: boolean;
}

const isLoopback = (hostname: string) =>
  hostname === "127.0.0.1" || hostname === "[::1]" || hostname === "localhost";

const DEFAULT_TTL_SECONDS = 604_800;
const SUCCESS = new Set([102, 200, 201, 202, 204]);
const RETRYABLE = new Set([500, 502, 503, 504]);

export function createPushService(input: PushOptions) {
  const options = { ...input, allowLoopbackHttp: input.allowLoopbackHttp ?? true };
  const { now } = options;
  const channels = new Map<string, Channel>();
  const events = new EventEmitter();
  const inFlight = new Set<Promise<void>>();
  const timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  let dropBudget = 0;
  let closed = false;

  const isLive = (channel: Channel) => !channel.stopped && channel.expiration > now();

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          timers.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      timers.add(entry);
    });
  }

  function report(notification: NotificationReport): void {
    events.emit("notification", notification);
  }

  async function deliver(channel: Channel, resourceState: ResourceState, messageNumber: number): Promise<void> {
    const headers: Record<string, string> = {
      "X-Goog-Channel-ID": channel.id,
      "X-Goog-Channel-Expiration": new Date(channel.expiration).toUTCString(),
      "X-Goog-Message-Number": String(messageNumber),
      "X-Goog-Resource-ID": channel.resourceId,
      "X-Goog-Resource-State": resourceState,
      "X-Goog-Resource-URI": channel.resourceUri,
    };
    if (channel.token !== undefined) headers["X-Goog-Channel-Token"] = channel.token;
    const base = { channelId: channel.id, messageNumber, resourceState };
    for (let attempt = 1; attempt <= options.maxAttempts; attempt += 1) {
      if (closed || !isLive(channel)) return;
      let status: number | undefined;
      let error: string | undefined;
      try {
        const response = await fetch(channel.address, {
          method: "POST",
          headers,
          redirect: "manual",
          signal: AbortSignal.timeout(options.requestTimeoutMs),
        });
        status = response.status;
        await response.body?.cancel();
      } catch (cause) {
        error = cause instanceof Error ? cause.message : String(cause);
      }
      if (status !== undefined && SUCCESS.has(status)) return report({ ...base, attempt, outcome: "delivered", status });
      const retryable = status === undefined || RETRYABLE.has(status);
      if (!retryable || attempt === options.maxAttempts) {
        return report({ ...base, attempt, outcome: "failed", status, error });
      }
      report({ ...base, attempt, outcome: "retrying", status, error });
      await sleep(options.retryBaseDelayMs * 2 ** (attempt - 1));
    }
  }

  function send(channel: Channel, resourceState: ResourceState): void {
    channel.lastMessageNumber += 1;
    const messageNumber = channel.lastMessageNumber;
    if (dropBudget > 0) {
      dropBudget -= 1;
      return report({ channelId: channel.id, messageNumber, resourceState, attempt: 0, outcome: "dropped" });
    }
    const delivery = deliver(channel, resourceState, messageNumber).finally(() => inFlight.delete(delivery));
    inFlight.add(delivery);
  }

  function watch(input: {
    calendarId: string;
    ownerSub: string;
    resourceUri: string;
    body: Record<string, unknown>;
  }): Channel {
    const { id, type, address, token, params } = input.body as {
      id?: unknown;
      type?: unknown;
      address?: unknown;
      token?: unknown;
      params?: { ttl?: unknown };
    };
    if (typeof id !== "string" || !/^[A-Za-z0-9\-_+/=]{1,64}$/.test(id)) {
      throw apiError(400, "invalid", "Channel id must match [A-Za-z0-9\\-_\\+/=]+ and be at most 64 characters.");
    }
    if (type !== "web_hook" && type !== "webhook") throw apiError(400, "invalid", "Invalid channel type.");
    if (typeof address !== "string" || !URL.canParse(address) || !new URL(address).hostname) {
      throw apiError(400, "push.webhookUrlNoHostOrAddress", `WebHook callback must have a host or address: ${String(address ?? "")}`);
    }
    const target = new URL(address);
    // Google delivers only to HTTPS (with a valid certificate); the local cloud also accepts plain
    // HTTP to loopback addresses, so the app can watch calendars while running on a laptop.
    if (target.protocol !== "https:" && !(options.allowLoopbackHttp && target.protocol === "http:" && isLoopback(target.hostname))) {
      throw apiError(400, "push.webhookUrlNotHttps", `WebHook callback must be HTTPS: ${address}`);
    }
    if (token !== undefined && (typeof token !== "string" || token.length > 256)) {
      throw apiError(400, "invalid", "Channel token must be a string of at most 256 characters.");
    }
    const existing = channels.get(id);
    if (existing && isLive(existing)) throw apiError(400, "channelIdNotUnique", "Channel id not unique.");
    const ttlSeconds = params?.ttl === undefined ? DEFAULT_TTL_SECONDS : Number(params.ttl);
    if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) throw apiError(400, "invalid", "Invalid value for: params.ttl");
    const channel: Channel = {
      id,
      resourceId: randomString(20),
      resourceUri: input.resourceUri,
      calendarId: input.calendarId,
      ownerSub: input.ownerSub,
      address,
      token: token as string | undefined,
      expiration: now() + Math.round(ttlSeconds * 1000),
      lastMessageNumber: 0,
      stopped: false,
    };
    channels.set(id, channel);
    // Google sends the sync message right away; it can arrive before the watch response.
    send(channel, "sync");
    return channel;
  }

  function stop(input: { id?: unknown; resourceId?: unknown; ownerSub: string }): void {
    const channel = typeof input.id === "string" ? channels.get(input.id) : undefined;
    if (!channel || channel.stopped || channel.resourceId !== input.resourceId || channel.ownerSub !== input.ownerSub) {
      throw apiError(404, "notFound", `Channel '${String(input.id)}' not found for project.`);
    }
    channel.stopped = true;
  }

  return {
    events,
    watch,
    stop,
    notifyChange(calendarId: string): void {
      for (const channel of channels.values()) {
        if (channel.calendarId === calendarId && isLive(channel)) send(channel, "exists");
      }
    },
    expireChannel(id: string): boolean {
      const channel = channels.get(id);
      if (!channel) return false;
      channel.expiration = Math.min(channel.expiration, now());
      return true;
    },
    dropNextNotifications(count: number): void {
      dropBudget += count;
    },
    /** Resolves once every notification sent so far has been delivered, dropped or given up. */
    async idle(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    close(): void {
      closed = true;
      for (const entry of timers) {
        clearTimeout(entry.timer);
        entry.resolve();
      }
      timers.clear();
    },
    snapshot() {
      return [...channels.values()].map((c) => ({
        id: c.id,
        resourceId: c.resourceId,
        calendarId: c.calendarId,
        address: c.address,
        hasToken: c.token !== undefined,
        expiration: new Date(c.expiration).toISOString(),
        lastMessageNumber: c.lastMessageNumber,
        state: c.stopped ? "stopped" : c.expiration <= now() ? "expired" : "live",
      }));
    },
  };
}

export type PushService = ReturnType<typeof createPushService>;
