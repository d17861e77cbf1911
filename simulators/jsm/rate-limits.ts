/**
 * Rate limits (reference §5.1): Atlassian publishes no numbers for JSM Ops, Teams or the admin API, and Jira's
 * burst limit for API-token traffic is per second. One account-wide budget per API (domains in apis.ts),
 * by default 100/s and 6000/min [unverified]; tests and the CLI lower them to see 429s. Each API's 429:
 * Jira with `Retry-After`, `X-RateLimit-Reset` (ISO-8601), `RateLimit-Reason: jira-burst-based` and its
 * error body; JSM Ops and Teams with `Retry-After` only; Admin with `X-RateLimit-Limit/Remaining/Reset`.
 */
import { RateLimiter } from "../kit/rate-limiter.ts";
import type { Reply } from "../kit/reply.ts";
import { type Api, DOMAINS, type Domain, errorBody } from "./apis.ts";

export const DEFAULT_LIMIT = { perSecond: 100, perMinute: 6000 };

/** The limiter of one simulated site. */
export function createRateLimiter(
  limits: Partial<Record<Domain, Partial<typeof DEFAULT_LIMIT>>> = {},
): RateLimiter<Domain> {
  return new RateLimiter({ domains: DOMAINS, defaults: DEFAULT_LIMIT, limits });
}

const API_OF: Record<Domain, Api> = {
  jira: "jira",
  teams: "teams",
  ops: "ops",
  admin: "admin",
  gateway: "graphql",
};

/** The 429 of `domain` after its `period` (1 or 60 s) bucket refused; `retryAfter` in seconds. */
export function throttledReply(limiter: RateLimiter<Domain>, domain: Domain, period: 1 | 60): Reply {
  const retryAfter = period === 1 ? 1 : Math.max(1, limiter.budget(domain)?.resetSeconds ?? 60);
  const reset = new Date(Date.now() + retryAfter * 1000).toISOString();
  const api = API_OF[domain];
  const headers: Record<string, string> = { "Retry-After": String(retryAfter) };
  if (api === "jira") {
    headers["X-RateLimit-Reset"] = `${reset.slice(0, 16)}Z`;
    headers["RateLimit-Reason"] = "jira-burst-based";
  }
  if (api === "admin") {
    const limit = period === 1 ? limiter.limits.admin.perSecond : limiter.limits.admin.perMinute;
    headers["X-RateLimit-Limit"] = String(limit);
    headers["X-RateLimit-Remaining"] = "0";
    headers["X-RateLimit-Reset"] = reset;
  }
  const message =
    api === "jira"
      ? "The request has been rate-limited. Please try again later."
      : "Too many requests, please retry later";
  return { status: 429, body: errorBody(api, 429, message), headers };
}
