export interface RateLimitConfig {
  limit: number;
  windowMs: number;
}

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Unix seconds at which the window resets, as SendGrid's X-RateLimit-Reset. */
  reset: number;
  allowed: boolean;
}

/** A fixed window per API key, the shape SendGrid's X-RateLimit-* headers describe. */
export class FixedWindowRateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly config: RateLimitConfig,
    private readonly now: () => number,
  ) {}

  hit(key: string): RateLimitState {
    const now = this.now();
    let window = this.windows.get(key);
    if (window === undefined || now >= window.startedAt + this.config.windowMs) {
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    const allowed = window.count < this.config.limit;
    if (allowed) window.count += 1;
    return {
      limit: this.config.limit,
      remaining: Math.max(0, this.config.limit - window.count),
      reset: Math.ceil((window.startedAt + this.config.windowMs) / 1000),
      allowed,
    };
  }

  reset(): void {
    this.windows.clear();
  }
}
