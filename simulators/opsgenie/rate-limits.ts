/**
 * Opsgenie's rate-limit facts (reference §7): limits are per account and per domain, 25/s and 1000/min
 * unless configured, and `/v2/request-limits/` reports them per domain, the minute limit first. The token
 * buckets are the kit's; the 429 answer is in the dialect.
 */
import {
  type DomainLimit,
  type RateLimits as KitRateLimits,
  type RateLimitsInput as KitRateLimitsInput,
  parseRateLimits as parseKitRateLimits,
  RateLimiter,
} from "../kit/rate-limiter.ts";

export type { DomainLimit } from "../kit/rate-limiter.ts";

export const DOMAINS = [
  "search",
  "configuration",
  "alert",
  "incident",
  "heartbeat",
  "schedule-oncalls",
] as const;
export type Domain = (typeof DOMAINS)[number];

export type RateLimits = KitRateLimits<Domain>;
export type RateLimitsInput = KitRateLimitsInput<Domain>;

export const DEFAULT_LIMIT: DomainLimit = { perSecond: 25, perMinute: 1000 };

/** The limiter of one simulated account; unspecified values default to 25/s and 1000/min. */
export function createRateLimiter(limits: RateLimitsInput = {}): RateLimiter<Domain> {
  return new RateLimiter({ domains: DOMAINS, defaults: DEFAULT_LIMIT, limits });
}

/** One domain's entry of the `/v2/request-limits/` report. */
export interface DomainReport {
  domain: Domain;
  limits: { limit: number; periodInSeconds: number }[];
}

/** The `/v2/request-limits/` report shape (reference §7): every domain, minute limit then second limit. */
export function requestLimitsReport(limits: RateLimits): DomainReport[] {
  return DOMAINS.map((domain) => ({
    domain,
    limits: [
      { limit: limits[domain].perMinute, periodInSeconds: 60 },
      { limit: limits[domain].perSecond, periodInSeconds: 1 },
    ],
  }));
}

/** Parses "search=5/s,search=100/min,configuration=10/s" (also "*=N/s" for every domain). */
export function parseRateLimits(spec: string): RateLimitsInput {
  return parseKitRateLimits(spec, DOMAINS);
}
