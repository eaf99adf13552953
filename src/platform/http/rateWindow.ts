/**
 * Per-key request counting in fixed windows, in this process's memory. For cheap public reads
 * where a shared counter would cost more than the request itself; several nodes each allow
 * `limit`, which is fine for abuse protection (the database-backed throttle in identity is for
 * security-relevant limits such as logins).
 */
export class RateWindow {
  private counts = new Map<string, number>();
  private windowStart = Date.now();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    /** Bounds memory under a flood of distinct keys: the window resets early when full. */
    private readonly maxKeys = 100_000,
  ) {}

  /** Counts one hit for `key`; false once it is over the limit in the current window. */
  allow(key: string, now = Date.now()): boolean {
    if (now - this.windowStart >= this.windowMs || this.counts.size >= this.maxKeys) {
      this.counts = new Map();
      this.windowStart = now;
    }
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n <= this.limit;
  }

  /** Seconds until the current window ends, for Retry-After. */
  retryAfter(now = Date.now()): number {
    return Math.max(1, Math.ceil((this.windowStart + this.windowMs - now) / 1000));
  }
}
