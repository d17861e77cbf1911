/**
 * PagerDuty's rate limit (reference §1.6): 960 requests per minute per account API key, and per user across
 * all of that user's keys. The kit's token buckets hold one budget per subject (the dialect names it); there
 * is no per-second limit, so the per-second bucket is as large as the minute one and never binds first.
 */
import { type Budget, RateLimiter } from "../kit/rate-limiter.ts";

/** One domain: every REST call spends from the caller's single budget. */
export const DOMAINS = ["rest"] as const;
export type Domain = (typeof DOMAINS)[number];

/** Requests per minute per key (or per user) unless configured. */
export const DEFAULT_PER_MINUTE = 960;

/** The limiter of one simulated account, `perMinute` requests per minute per subject. */
export function createRateLimiter(perMinute = DEFAULT_PER_MINUTE): RateLimiter<Domain> {
  const limit = { perSecond: perMinute, perMinute };
  return new RateLimiter({ domains: DOMAINS, defaults: limit, limits: { rest: limit } });
}

/** Sets a new per-minute limit; every budget restarts full. */
export function setPerMinute(limiter: RateLimiter<Domain>, perMinute: number): void {
  limiter.set({ rest: { perSecond: perMinute, perMinute } });
}

/** The configured per-minute limit. */
export function perMinuteOf(limiter: RateLimiter<Domain>): number {
  return limiter.limits.rest.perMinute;
}

/** The `ratelimit-*` headers of `subject`'s budget (reset in seconds). */
export function rateLimitHeaders(limiter: RateLimiter<Domain>, subject: string): Record<string, string> {
  const b = limiter.budget("rest", subject) as Budget;
  return {
    "ratelimit-limit": String(b.limit),
    "ratelimit-remaining": String(b.remaining),
    "ratelimit-reset": String(b.resetSeconds),
  };
}

/** Parses the CLI's "--rate-limit 960/min" (also "N/m", "N/minute"); throws on anything else. */
export function parsePerMinute(spec: string): number {
  const m = /^(\d+)\/(m|min|minute)$/i.exec(spec.trim());
  const n = Number(m?.[1]);
  if (!m || !(n >= 1)) throw new Error(`invalid rate limit "${spec}" (expected N/min, e.g. 960/min)`);
  return n;
}
