import { AppError } from "../core/errors.ts";
import { errorCodes } from "./network-errors.ts";
import type { NetworkFailure } from "./retry-policy.ts";

/** What an error may say about a request: never its headers, query string or body. */
interface RequestLabels {
  method: string;
  provider: string;
  resource: string;
  domain: string;
}

/**
 * The deadline passed while queued for a concurrency slot or a rate-limit token: nothing was sent.
 * `retryAfterMs` is when the budget has a token again, when the pacer knows it.
 */
export function budgetExhausted(
  req: RequestLabels,
  attempts: number,
  cause: unknown,
  retryAfterMs?: number,
): AppError {
  return new AppError("rate_limited", {
    message: "The rate-limit budget for this provider account is used up for now; try again later.",
    details: { provider: req.provider, resource: req.resource, domain: req.domain, attempts },
    retryAfterSeconds: retryAfterMs === undefined ? undefined : retryAfterMs / 1000,
    cause,
  });
}

/** An AppError naming method, origin and path only: no query string, no header, no secret. */
export function networkFailure(
  req: RequestLabels,
  url: URL,
  failure: NetworkFailure,
  attempts: number,
  cause: unknown,
): AppError {
  const code = failure === "timeout" ? "provider_timeout" : "provider_unreachable";
  const what =
    failure === "timeout" ? "did not answer in time" : `could not be reached (${describeFailure(failure)})`;
  return new AppError(code, {
    message: `${req.method} ${url.origin}${url.pathname}: the provider ${what}.`,
    details: { provider: req.provider, resource: req.resource, failure, codes: errorCodes(cause), attempts },
    cause,
  });
}

function describeFailure(failure: NetworkFailure): string {
  return {
    connect: "connection failed",
    reset: "connection reset",
    timeout: "timeout",
    other: "network error",
  }[failure];
}
