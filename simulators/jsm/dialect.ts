/**
 * How the simulated Atlassian hosts answer, for the kit's pipeline: per-API authentication (auth.ts), a
 * deleted site's 404 before anything else, each API's error envelope (apis.ts) and 429 (rate-limits.ts),
 * bare JSON arrays for Jira lists, and `X-Request-Id` on every answer. Unknown paths and methods are 404s in
 * the envelope of the API the path belongs to.
 */
import type { Dialect, Outgoing } from "../kit/pipeline.ts";
import type { RateLimiter } from "../kit/rate-limiter.ts";
import { type HttpError, type Reply, replyJson } from "../kit/reply.ts";
import { refusal } from "./access.ts";
import { type Api, ApiError, apiOf, type Domain, errorBody, SITE_APIS } from "./apis.ts";
import { authenticate, type Principal } from "./auth.ts";
import { throttledReply } from "./rate-limits.ts";
import type { Route, SimState } from "./route.ts";

const reply = (api: Api, status: number, message: string, headers?: Record<string, string>): Reply => ({
  status,
  body: errorBody(api, status, message),
  headers,
});

/** The dialect of one simulated site. */
export function jsmDialect(
  state: SimState,
  limiter: RateLimiter<Domain>,
  /** Whether an OAuth access token is live (the Jira and Ops APIs accept it as `Bearer`). */
  bearer: (token: string) => boolean = () => false,
): Dialect<Principal, Route> {
  return {
    authenticate(headers, path) {
      const api = apiOf(path);
      if (!state.siteAvailable && SITE_APIS.includes(api))
        return { reply: reply("graphql", 404, `Site ${state.site} does not exist or was deleted`) };
      return authenticate(headers, path, state.dir, bearer);
    },
    notFound: (_method, path) => reply(apiOf(path), 404, `No resource found at ${path}`),
    methodNotAllowed: (method, path) => reply(apiOf(path), 405, `Method ${method} is not allowed on ${path}`),
    throttled: (period, domain) => throttledReply(limiter, domain as Domain, period),
    forbidden: (key, route) => refusal(state, key, route),
    invalidJson: () => reply("graphql", 400, "The request body is not valid JSON"),
    fault: (status) =>
      reply(
        "graphql",
        status,
        status === 503 ? "Service Unavailable" : "Internal Server Error",
        status === 503 ? { "Retry-After": "1" } : undefined,
      ),
    httpError(error: HttpError) {
      const api = error instanceof ApiError ? error.api : "jira";
      return reply(api, error.status, error.message, error.headers);
    },
    internalError: (error) => reply("graphql", 500, `Internal simulator error: ${error.message}`),
    serialize(r, meta): Outgoing {
      // A list handed over as rawData with an empty body is a bare JSON array (Jira's users/search).
      const json =
        r.rawData !== undefined && Object.keys(r.body).length === 0
          ? r.rawData
          : replyJson(r.body, r.rawData, "values");
      return { status: r.status, json, headers: { "X-Request-Id": meta.requestId, ...r.headers } };
    },
  };
}
