import type { ApiErrorSpec } from "./errors";

export const OPERATIONS = [
  "calendarList.list",
  "calendarList.get",
  "calendars.get",
  "events.list",
  "events.get",
  "events.insert",
  "events.patch",
  "events.update",
  "events.delete",
  "events.watch",
  "events.instances",
  "channels.stop",
  "freebusy.query",
] as const;

export type Operation = (typeof OPERATIONS)[number];

export interface QuotaConfig {
  /** Calendar API calls per user in any sliding 60 s window; Google's limit is per project config. */
  perUserPerMinute: number;
  /** Google answers an exceeded quota with 403 or 429; both carry `rateLimitExceeded`. */
  status?: 403 | 429;
}

export interface FaultConfig {
  status: number;
  count?: number;
  reason?: string;
  message?: string;
}

const WINDOW_MS = 60_000;

const DEFAULT_REASONS: Record<number, string> = {
  400: "badRequest",
  401: "authError",
  403: "forbidden",
  404: "notFound",
  409: "duplicate",
  410: "deleted",
  412: "conditionNotMet",
  429: "rateLimitExceeded",
  500: "backendError",
  503: "backendError",
};

export function createLimits(options: { now: () => number; quota?: QuotaConfig }) {
  let quota = options.quota;
  const calls = new Map<string, number[]>();
  const faults = new Map<Operation, Required<Omit<FaultConfig, "message">> & { message?: string }>();

  return {
    setQuota(next: QuotaConfig | undefined): void {
      quota = next;
      calls.clear();
    },
    /** Records one call for `userKey` and returns the error to send if it is over quota. */
    checkQuota(userKey: string): ApiErrorSpec | null {
      if (!quota) return null;
      const cutoff = options.now() - WINDOW_MS;
      const recent = (calls.get(userKey) ?? []).filter((t) => t > cutoff);
      recent.push(options.now());
      calls.set(userKey, recent);
      if (recent.length <= quota.perUserPerMinute) return null;
      const status = quota.status ?? 403;
      return { status, reason: "rateLimitExceeded", domain: "usageLimits", message: "Rate Limit Exceeded" };
    },
    failNext(operation: Operation, fault: FaultConfig): void {
      faults.set(operation, {
        status: fault.status,
        count: fault.count ?? 1,
        reason: fault.reason ?? DEFAULT_REASONS[fault.status] ?? "backendError",
        message: fault.message,
      });
    },
    takeFault(operation: Operation): ApiErrorSpec | null {
      const fault = faults.get(operation);
      if (!fault) return null;
      fault.count -= 1;
      if (fault.count <= 0) faults.delete(operation);
      const domain = fault.reason === "rateLimitExceeded" || fault.reason === "userRateLimitExceeded" ? "usageLimits" : "global";
      return { status: fault.status, reason: fault.reason, domain, message: fault.message ?? `Injected ${fault.status} (${fault.reason})` };
    },
    snapshot() {
      return {
        quota: quota ?? null,
        pendingFaults: [...faults.entries()].map(([operation, f]) => ({ operation, status: f.status, remaining: f.count })),
      };
    },
  };
}

export type Limits = ReturnType<typeof createLimits>;
