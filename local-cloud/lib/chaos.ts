/**
 * Injected vendor failures for benchmarks and resilience tests: for a while, a fraction of API
 * requests is answered with 429 (rate limited) or 500/503 (vendor outage) instead of being served.
 * Each emulator shapes the answer as its vendor does; this only decides which requests fail.
 */
export type ChaosStatus = 429 | 500 | 503;

export interface ChaosConfig {
  /** Share of API requests to refuse, 0..1. */
  fraction: number;
  status: ChaosStatus;
  /** How long the failures last from now; after that requests are served again. */
  durationMs: number;
  /** What Retry-After / X-RateLimit-Reset tell the client; default 1 s. */
  retryAfterSeconds?: number;
  /** Makes the refused requests reproducible across runs. */
  seed?: number;
}

export interface ChaosDecision {
  status: ChaosStatus;
  retryAfterSeconds: number;
  /** Unix seconds at which the client may try again. */
  resetAt: number;
}

export interface ChaosState {
  active: boolean;
  fraction: number;
  status: ChaosStatus | null;
  until: string | null;
  refused: number;
}

const STATUSES: readonly ChaosStatus[] = [429, 500, 503];

/** mulberry32: small, fast and good enough to pick which requests fail. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Checks a config from code or from a control endpoint's JSON, naming the bad field. */
export function parseChaosConfig(input: Record<string, unknown>): ChaosConfig {
  const { fraction, status, durationMs, retryAfterSeconds, seed } = input;
  if (typeof fraction !== "number" || !Number.isFinite(fraction) || fraction < 0 || fraction > 1) {
    throw new Error('"fraction" must be a number from 0 to 1');
  }
  if (!STATUSES.includes(status as ChaosStatus)) throw new Error('"status" must be 429, 500 or 503');
  if (typeof durationMs !== "number" || !Number.isFinite(durationMs) || durationMs <= 0) {
    throw new Error('"durationMs" must be a positive number of milliseconds');
  }
  if (retryAfterSeconds !== undefined && (typeof retryAfterSeconds !== "number" || !Number.isInteger(retryAfterSeconds) || retryAfterSeconds < 0)) {
    throw new Error('"retryAfterSeconds" must be a whole number of seconds, 0 or more');
  }
  if (seed !== undefined && (typeof seed !== "number" || !Number.isInteger(seed))) throw new Error('"seed" must be an integer');
  return {
    fraction,
    status: status as ChaosStatus,
    durationMs,
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    ...(seed !== undefined ? { seed } : {}),
  };
}

export class Chaos {
  private config: ChaosConfig | undefined;
  private until = 0;
  private random: () => number = Math.random;
  private refused = 0;

  constructor(private readonly now: () => number) {}

  set(config: ChaosConfig): void {
    const checked = parseChaosConfig({ ...config });
    this.config = checked;
    this.until = this.now() + checked.durationMs;
    this.random = checked.seed === undefined ? Math.random : seededRandom(checked.seed);
    this.refused = 0;
  }

  clear(): void {
    this.config = undefined;
    this.until = 0;
  }

  /** Whether this request fails, and how; undefined = serve it. */
  decide(): ChaosDecision | undefined {
    const config = this.config;
    if (config === undefined) return undefined;
    const now = this.now();
    if (now >= this.until) {
      this.clear();
      return undefined;
    }
    if (this.random() >= config.fraction) return undefined;
    this.refused += 1;
    const retryAfterSeconds = config.retryAfterSeconds ?? 1;
    return { status: config.status, retryAfterSeconds, resetAt: Math.ceil(now / 1000) + retryAfterSeconds };
  }

  state(): ChaosState {
    const active = this.config !== undefined && this.now() < this.until;
    return {
      active,
      fraction: active ? (this.config?.fraction ?? 0) : 0,
      status: active ? (this.config?.status ?? null) : null,
      until: active ? new Date(this.until).toISOString() : null,
      refused: this.refused,
    };
  }
}
