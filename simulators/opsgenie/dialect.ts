/**
 * How Opsgenie answers, for the kit's pipeline (reference §1, §2, §7, §8): GenieKey authentication and
 * key-kind checks; every body carries `took` (float seconds) and `requestId`, every answer X-Request-ID,
 * X-Response-Time and X-RateLimit-State; errors are `{code?, message, ...}`, 403s with code 40301; a 429
 * says THROTTLED, ACCOUNT and the period of the bucket that refused.
 */
import type { Dialect, Outgoing } from "../kit/pipeline.ts";
import { type Json, type Reply, replyJson } from "../kit/reply.ts";
import type { Anomalies } from "./anomalies.ts";
import { type ApiKeyInfo, authenticate, forbiddenReason, type KeyRing } from "./auth.ts";
import { tookSeconds } from "./envelope.ts";
import type { Route } from "./route.ts";

const THROTTLE_MESSAGE =
  "You are making too many requests! To avoid errors, we recommend you limit requests.";
const FAULT_MESSAGES = {
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
} as const;

/** Opsgenie's error body: `message`, preceded by `code` when there is one, then any other members. */
function errorReply(
  status: number,
  message: string,
  extra: Json = {},
  headers: Record<string, string> = {},
): Reply {
  const { code, ...rest } = extra;
  return { status, body: code === undefined ? { message, ...rest } : { code, message, ...rest }, headers };
}

function serialize(reply: Reply, meta: { startNs: bigint; requestId: string }): Outgoing {
  const took = tookSeconds(meta.startNs);
  // Pre-serialized list data is spliced in as the first member, `data`.
  const json = replyJson({ ...reply.body, took, requestId: meta.requestId }, reply.rawData, "data");
  return {
    status: reply.status,
    json,
    headers: {
      "X-Request-ID": meta.requestId,
      "X-Response-Time": String(took),
      "X-RateLimit-State": "OK",
      ...reply.headers,
    },
  };
}

/** The dialect of one simulated account, authenticating against its key ring. */
/** Opsgenie's answers; `anomalies` can change how a key acts after linking (a key restricted later). */
export function opsgenieDialect(keys: KeyRing, anomalies?: Anomalies): Dialect<ApiKeyInfo, Route> {
  return {
    authenticate(headers) {
      const auth = authenticate(headers.authorization, keys);
      return "status" in auth ? { reply: errorReply(auth.status, auth.message) } : { key: auth.key };
    },
    notFound: () => errorReply(404, "No handler found for the requested path."),
    methodNotAllowed: (method) => errorReply(405, `Method ${method} is not allowed.`),
    throttled: (period) =>
      errorReply(
        429,
        THROTTLE_MESSAGE,
        {},
        {
          "X-RateLimit-State": "THROTTLED",
          "X-RateLimit-Reason": "ACCOUNT",
          "X-RateLimit-Period-In-Sec": String(period),
        },
      ),
    forbidden(key, route) {
      const denied = forbiddenReason(anomalies ? anomalies.currentKey(key) : key, route);
      return denied ? errorReply(403, denied, { code: 40301 }) : undefined;
    },
    invalidJson: () => errorReply(400, "Could not read the request body: it is not valid JSON."),
    fault: (status) => errorReply(status, FAULT_MESSAGES[status]),
    httpError: (error) =>
      errorReply(
        error.status,
        error.message,
        error.status === 403 ? { code: 40301, ...error.extra } : error.extra,
        error.headers,
      ),
    internalError: (error) => errorReply(500, `Internal simulator error: ${error.message}`),
    repeatNext: repeatCurrentOffset,
    serialize,
  };
}

/**
 * `repeat-next` on a list reply: when the page is the last one (no `paging.next`), its next link becomes
 * its own offset again. Other replies are left alone.
 */
function repeatCurrentOffset(reply: Reply, query: URLSearchParams): Reply {
  const paging = reply.body.paging as { first?: string; next?: string } | undefined;
  if (reply.status !== 200 || !paging?.first || paging.next) return reply;
  const link = new URL(paging.first);
  link.searchParams.set("offset", String(Number(query.get("offset") || 0)));
  const next = link.toString();
  return {
    ...reply,
    body: { ...reply.body, paging: { ...paging, next } },
    headers: { ...reply.headers, "X-Paging-Next": next },
  };
}
