/**
 * How PagerDuty answers, for the kit's pipeline (reference §1.1, §1.6, §1.7): `Token token=` authentication,
 * errors as `{ error: { message, code, errors? } }`, and on every answer `x-request-id` and the caller's
 * `ratelimit-limit`, `ratelimit-remaining` and `ratelimit-reset` (seconds). Unknown paths and methods are a
 * 404 "Not Found" (code 2100): the spec documents no 405.
 */

import type { Dialect, Outgoing } from "../kit/pipeline.ts";
import type { RateLimiter } from "../kit/rate-limiter.ts";
import type { HttpError, Json, Reply } from "../kit/reply.ts";
import { refusal } from "./access.ts";
import { authenticate, type KeyInfo, limitSubject } from "./auth.ts";
import { invalidInput } from "./errors.ts";
import { type Domain, rateLimitHeaders } from "./rate-limits.ts";
import type { Route, SimState } from "./route.ts";

const FAULT_MESSAGES = {
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
} as const;

/** `{ error: { message, code?, errors? } }`. */
function errorReply(
  status: number,
  message: string,
  extra: Json = {},
  headers: Record<string, string> = {},
): Reply {
  return { status, body: { error: { message, ...extra } }, headers };
}

function fromHttpError(error: HttpError): Reply {
  return errorReply(error.status, error.message, error.extra, error.headers);
}

/** The dialect of one simulated account; `limiter` reports each caller's budget in the headers. */
export function pagerdutyDialect(
  state: SimState,
  limiter: RateLimiter<Domain>,
  /** The caller an OAuth access token acts as, or undefined when the token is unknown, expired or revoked. */
  bearer: (token: string) => KeyInfo | undefined = () => undefined,
): Dialect<KeyInfo, Route> {
  const notFound = (): Reply => errorReply(404, "Not Found", { code: 2100 });
  return {
    authenticate(headers) {
      const outcome = authenticate(headers, state.keys, bearer);
      // A user key dies with its user.
      if ("key" in outcome && (!outcome.key.userId || state.dir.users.has(outcome.key.userId)))
        return { key: outcome.key };
      if ("reason" in outcome) return { reply: fromHttpError(invalidInput(outcome.reason)) };
      return { reply: errorReply(401, "Authentication failed", { code: 2006 }) };
    },
    notFound,
    methodNotAllowed: notFound,
    throttled: () => errorReply(429, "Rate Limit Exceeded", { code: 2020 }),
    limitSubject,
    forbidden(key, route) {
      const refused = refusal(state, key, route);
      return refused && fromHttpError(refused);
    },
    invalidJson: () => fromHttpError(invalidInput("The request body is not valid JSON")),
    fault: (status) => errorReply(status, FAULT_MESSAGES[status]),
    httpError: fromHttpError,
    internalError: (error) => errorReply(500, `Internal simulator error: ${error.message}`),
    serialize(reply, meta): Outgoing {
      // Unauthenticated answers report a fresh budget: they spend nobody's.
      const subject = meta.key ? limitSubject(meta.key) : "unauthenticated";
      return {
        status: reply.status,
        json: reply.status === 204 ? "" : JSON.stringify(reply.body),
        headers: { "x-request-id": meta.requestId, ...rateLimitHeaders(limiter, subject), ...reply.headers },
      };
    },
  };
}
