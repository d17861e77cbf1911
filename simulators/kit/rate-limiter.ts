/**
 * Rate limiting per domain: each domain (a named budget, e.g. Opsgenie's "search" or "configuration") has a
 * per-second and a per-minute bucket, for the whole account or, when the caller names a subject (an API key,
 * a user), for each subject separately. The limiter only decides; the 429 answer (status, headers, body) is
 * built by the simulator's dialect from the period of the bucket that refused.
 *
 * Choice: a true token bucket with capacity = limit, refilled continuously at limit/period. A client that
 * paces itself exactly at the advertised rate (e.g. one request every 40 ms for 25/s) always finds a
 * token, while a burst above the limit trips at once; a fixed window would instead allow 2x bursts at
 * window edges and a sliding log would cost memory per request. A throttled request consumes no token in
 * either bucket, so backing off is never punished.
 */

/** Requests allowed per second and per minute. */
export interface DomainLimit {
  perSecond: number;
  perMinute: number;
}

/** The limit of every domain. */
export type RateLimits<D extends string> = Record<D, DomainLimit>;
/** Overrides: only the domains and values given change. */
export type RateLimitsInput<D extends string> = Partial<Record<D, Partial<DomainLimit>>>;

// A tiny epsilon absorbs float error so exact pacing (n * period/limit) never comes up 1e-12 short.
const EPSILON = 1e-9;

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
    return this.level(now) >= 1 - EPSILON;
  }

  /** Refills up to `now` and returns the tokens held (fractional). */
  level(now: number): number {
    if (now > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.ratePerMs);
      this.last = now;
    }
    return this.tokens;
  }

  /** Milliseconds until the bucket holds `tokens` again (0 if it already does), after level(). */
  msUntil(tokens: number): number {
    return Math.max(0, (tokens - EPSILON - this.tokens) / this.ratePerMs);
  }

  take(): void {
    this.tokens -= 1;
  }
}

/** Limits for every domain (in `domains` order): `input`, else `base`, else `defaults`. */
export function resolveLimits<D extends string>(
  domains: readonly D[],
  defaults: DomainLimit,
  input: RateLimitsInput<D> = {},
  base?: RateLimits<D>,
): RateLimits<D> {
  const out = {} as RateLimits<D>;
  for (const domain of domains) {
    const prev = base?.[domain] ?? defaults;
    out[domain] = {
      perSecond: input[domain]?.perSecond ?? prev.perSecond,
      perMinute: input[domain]?.perMinute ?? prev.perMinute,
    };
  }
  return out;
}

/** How a RateLimiter is set up. */
export interface RateLimiterOptions<D extends string> {
  /** Every domain, in the order limits are listed; a domain not listed is never limited. */
  domains: readonly D[];
  /** The limit of a domain that `limits` does not set. */
  defaults: DomainLimit;
  limits?: RateLimitsInput<D>;
  /** A monotonic clock in milliseconds; performance.now() unless given (tests pass a fake one). */
  clock?: () => number;
}

/** A subject's per-minute budget in one domain, as rate-limit response headers report it. */
export interface Budget {
  /** Requests allowed per minute. */
  limit: number;
  /** Whole requests left now. */
  remaining: number;
  /**
   * Seconds (rounded up) until the budget is whole again; when nothing is left, until the next request is
   * allowed (the bucket refills continuously, so that is when a retry succeeds, at least 1).
   */
  resetSeconds: number;
}

/** Per-domain (and per-subject) token buckets, per second and per minute; see the file comment for the choice. */
export class RateLimiter<D extends string> {
  readonly domains: readonly D[];
  limits: RateLimits<D>;
  /** Buckets created on first use, keyed by domain and subject; a new bucket starts full. */
  private buckets = new Map<string, { second: TokenBucket; minute: TokenBucket }>();
  private readonly defaults: DomainLimit;
  private readonly clock: () => number;

  constructor(options: RateLimiterOptions<D>) {
    this.domains = options.domains;
    this.defaults = options.defaults;
    this.clock = options.clock ?? (() => performance.now());
    this.limits = resolveLimits(options.domains, options.defaults, options.limits);
    this.rebuild();
  }

  /** Changes limits at run time; every bucket restarts full. */
  set(input: RateLimitsInput<D>): void {
    this.limits = resolveLimits(this.domains, this.defaults, input, this.limits);
    this.rebuild();
  }

  private rebuild(): void {
    this.buckets = new Map();
  }

  private bucketsOf(domain: D, subject: string, now: number) {
    const id = `${domain}\u0000${subject}`;
    let b = this.buckets.get(id);
    if (!b) {
      const l = this.limits[domain];
      b = {
        second: new TokenBucket(l.perSecond, 1000, now),
        minute: new TokenBucket(l.perMinute, 60_000, now),
      };
      this.buckets.set(id, b);
    }
    return b;
  }

  /**
   * Takes one token from both buckets of `domain` (for `subject`, default the whole account), or none. Returns
   * the period in seconds (1 or 60) of the bucket that refused, or undefined when allowed (always, for a
   * domain not in `domains`). The minute bucket is reported first: when it is empty, waiting one second
   * would not help, so "60" is the honest advice.
   */
  take(domain: D, subject = ""): 1 | 60 | undefined {
    if (!this.domains.includes(domain)) return undefined;
    const now = this.clock();
    const b = this.bucketsOf(domain, subject, now);
    const minuteOk = b.minute.available(now);
    const secondOk = b.second.available(now);
    if (!minuteOk) return 60;
    if (!secondOk) return 1;
    b.minute.take();
    b.second.take();
    return undefined;
  }

  /** The per-minute budget of `domain` for `subject` now (undefined for a domain not in `domains`); takes nothing. */
  budget(domain: D, subject = ""): Budget | undefined {
    if (!this.domains.includes(domain)) return undefined;
    const now = this.clock();
    const minute = this.bucketsOf(domain, subject, now).minute;
    const remaining = Math.floor(minute.level(now) + EPSILON);
    const ms = remaining >= 1 ? minute.msUntil(minute.capacity) : Math.max(1, minute.msUntil(1));
    return { limit: minute.capacity, remaining, resetSeconds: Math.ceil(ms / 1000) };
  }
}

/**
 * Parses a CLI spec, "search=5/s,search=100/min,configuration=10/s" ("*=N/s" sets every domain; units s, sec,
 * second, m, min, minute). Throws on a malformed part or a domain not in `domains`.
 */
export function parseRateLimits<D extends string>(spec: string, domains: readonly D[]): RateLimitsInput<D> {
  const out: RateLimitsInput<D> = {};
  for (const part of spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([a-z*-]+)=(\d+(?:\.\d+)?)\/(s|sec|second|m|min|minute)$/i.exec(part);
    if (!m) throw new Error(`invalid rate limit "${part}" (expected DOMAIN=N/s or DOMAIN=N/min)`);
    const [, name = "", value = "0", unit = "s"] = m;
    const targets = name === "*" ? [...domains] : [name as D];
    for (const domain of targets) {
      if (!domains.includes(domain))
        throw new Error(`unknown rate-limit domain "${name}" (known: ${domains.join(", ")})`);
      const entry = out[domain] ?? {};
      if (unit.toLowerCase().startsWith("s")) entry.perSecond = Number(value);
      else entry.perMinute = Number(value);
      out[domain] = entry;
    }
  }
  return out;
}

/** Validates a JSON body such as `{ "search": { "perSecond": 5, "perMinute": 100 } }` (positive numbers). */
export function checkRateLimits<D extends string>(input: unknown, domains: readonly D[]): RateLimitsInput<D> {
  if (typeof input !== "object" || input === null) throw new Error("rate limits must be an object");
  const out: RateLimitsInput<D> = {};
  for (const [domain, value] of Object.entries(input)) {
    if (!domains.includes(domain as D))
      throw new Error(`unknown domain "${domain}" (known: ${domains.join(", ")})`);
    const v = (value ?? {}) as Record<string, unknown>;
    const entry: { perSecond?: number; perMinute?: number } = {};
    for (const k of ["perSecond", "perMinute"] as const) {
      if (v[k] === undefined) continue;
      if (typeof v[k] !== "number" || !((v[k] as number) > 0))
        throw new Error(`${domain}.${k} must be a positive number`);
      entry[k] = v[k] as number;
    }
    out[domain as D] = entry;
  }
  return out;
}
