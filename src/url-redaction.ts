/**
 * Request URLs as they may appear in logs: a link token is a credential that sits in the path
 * (`/link/{token}`, `/link-token/{token}/session`), and callers put keys and tokens in query strings.
 * Those values become `[redacted]`; the rest of the URL stays, so a log line still says what was asked.
 */
import { ownValue } from "./core/own-key.ts";
export const REDACTED = "[redacted]";

/** Path segments that are followed by a secret, and the values after them that are not secrets. */
const SECRET_AFTER_SEGMENT: Record<string, ReadonlySet<string>> = {
  link: new Set(["assets", "oauth"]),
  "link-token": new Set(),
};

/** Query parameter names whose value is a secret: exact names, and names containing one of the words. */
const SECRET_PARAMS = new Set([
  "key",
  "code",
  "state",
  "sig",
  "signature",
  "auth",
  "authorization",
  "session",
]);
const SECRET_PARAM_WORDS = /token|secret|password|passwd|api[-_]?key|credential/i;

function isSecretParam(rawName: string): boolean {
  let name = rawName;
  try {
    name = decodeURIComponent(rawName.replaceAll("+", " "));
  } catch {
    // A malformed escape is judged as written.
  }
  return SECRET_PARAMS.has(name.toLowerCase()) || SECRET_PARAM_WORDS.test(name);
}

function redactPath(path: string): string {
  const segments = path.split("/");
  for (let i = 1; i < segments.length; i++) {
    // Own keys only: a segment such as `constructor` must not reach the prototype.
    const kept = ownValue(SECRET_AFTER_SEGMENT, segments[i - 1] ?? "");
    const value = segments[i] ?? "";
    // `/link-token` itself (POST, creating one) carries no token; a redacted segment is no marker.
    if (kept && value !== "" && !kept.has(value)) segments[i] = REDACTED;
  }
  return segments.join("/");
}

function redactQuery(query: string): string {
  return query
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      if (eq < 0) return pair;
      return isSecretParam(pair.slice(0, eq)) ? `${pair.slice(0, eq + 1)}${REDACTED}` : pair;
    })
    .join("&");
}

/** A request URL (path and query, as received) with link tokens and secret query values replaced. */
export function redactUrl(url: string): string {
  const hash = url.indexOf("#");
  const withoutHash = hash < 0 ? url : url.slice(0, hash);
  const q = withoutHash.indexOf("?");
  if (q < 0) return redactPath(withoutHash);
  return `${redactPath(withoutHash.slice(0, q))}?${redactQuery(withoutHash.slice(q + 1))}`;
}
