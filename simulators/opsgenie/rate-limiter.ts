/**
 * Opsgenie-style rate limiting: per account and per domain, a per-second and a per-minute bucket.
 *
 * Choice: a true token bucket with capacity = limit, refilled continuously at limit/period. A client that
 * paces itself exactly at the advertised rate (e.g. one request every 40 ms for 25/s) always finds a
 * token, while a burst above the limit trips at once; a fixed window would instead allow 2x bursts at
 * window edges and a sliding log would cost memory per request. A throttled request consumes no token in
 * either bucket, so backing off is never punished.
 */
import { DOMAINS, type Domain } from "./route.ts";

export interface DomainLimit {
  perSecond: number;
  perMinute: number;
}

export type RateLimits = Record<Domain, DomainLimit>;
export type RateLimitsInput = Partial<Record<Domain, Partial<DomainLimit>>>;

export const DEFAULT_LIMIT: DomainLimit = { perSecond: 25, perMinute: 1000 };

class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly ratePerMs: number;

  constructor(
    readonly capacity: number,
    periodMs: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
    this.ratePerMs = capacity / periodMs;
  }

  /** Refills up to `now` and tells whether a whole token is available (without taking it). */
  available(now: number): boolean {
    if (now > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.ratePerMs);
      this.last = now;
    }
    // A tiny epsilon absorbs float error so exact pacing (n * period/limit) never comes up 1e-12 short.
    return this.tokens >= 1 - 1e-9;
  }

  take(): void {
    this.tokens -= 1;
  }
}

export function resolveLimits(input: RateLimitsInput = {}, base?: RateLimits): RateLimits {
  const out = {} as RateLimits;
  for (const domain of DOMAINS) {
    const prev = base?.[domain] ?? DEFAULT_LIMIT;
    out[domain] = {
      perSecond: input[domain]?.perSecond ?? prev.perSecond,
      perMinute: input[domain]?.perMinute ?? prev.perMinute,
    };
  }
  return out;
}

export class RateLimiter {
  private buckets = new Map<Domain, { second: TokenBucket; minute: TokenBucket }>();
  limits: RateLimits;

  constructor(
    input: RateLimitsInput = {},
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.limits = resolveLimits(input);
    this.rebuild();
  }

  /** Changes limits at run time; the affected buckets restart full. */
  set(input: RateLimitsInput): void {
    this.limits = resolveLimits(input, this.limits);
    this.rebuild();
  }

  private rebuild(): void {
    const now = this.clock();
    this.buckets = new Map();
    for (const domain of DOMAINS) {
      const l = this.limits[domain];
      this.buckets.set(domain, {
        second: new TokenBucket(l.perSecond, 1000, now),
        minute: new TokenBucket(l.perMinute, 60_000, now),
      });
    }
  }

  /**
   * Takes one token from both buckets of `domain`, or none. Returns the period (1 or 60) of the bucket
   * that refused, or undefined when allowed. The minute bucket is reported first: when it is empty,
   * waiting one second would not help, so "60" is the honest advice.
   */
  take(domain: Domain): 1 | 60 | undefined {
    const b = this.buckets.get(domain);
    if (!b) return undefined;
    const now = this.clock();
    const minuteOk = b.minute.available(now);
    const secondOk = b.second.available(now);
    if (!minuteOk) return 60;
    if (!secondOk) return 1;
    b.minute.take();
    b.second.take();
    return undefined;
  }

  /** The `/v2/request-limits/` report shape (reference §7). */
  report(): { domain: Domain; limits: { limit: number; periodInSeconds: number }[] }[] {
    return DOMAINS.map((domain) => ({
      domain,
      limits: [
        { limit: this.limits[domain].perMinute, periodInSeconds: 60 },
        { limit: this.limits[domain].perSecond, periodInSeconds: 1 },
      ],
    }));
  }
}

/** Parses "search=5/s,search=100/min,configuration=10/s" (also "*=N/s" for every domain). */
export function parseRateLimits(spec: string): RateLimitsInput {
  const out: RateLimitsInput = {};
  for (const part of spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([a-z*-]+)=(\d+(?:\.\d+)?)\/(s|sec|second|m|min|minute)$/i.exec(part);
    if (!m) throw new Error(`invalid rate limit "${part}" (expected DOMAIN=N/s or DOMAIN=N/min)`);
    const [, name = "", value = "0", unit = "s"] = m;
    const domains = name === "*" ? [...DOMAINS] : [name as Domain];
    for (const domain of domains) {
      if (!DOMAINS.includes(domain))
        throw new Error(`unknown rate-limit domain "${name}" (known: ${DOMAINS.join(", ")})`);
      const entry = out[domain] ?? {};
      if (unit.toLowerCase().startsWith("s")) entry.perSecond = Number(value);
      else entry.perMinute = Number(value);
      out[domain] = entry;
    }
  }
  return out;
}
