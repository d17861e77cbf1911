/**
 * Authentication per API (reference §2.2, §2.4, §7 "Auth checks"): `tenant_info` takes none; the site's
 * APIs (Jira, GraphQL, Teams) and JSM Ops take Basic `email:api_token` of a seeded caller only (Bearer, an
 * unknown or revoked token, or an e-mail that is not the token's: 401); `/admin` takes `Bearer <org API key>`
 * only; the Jira and Ops APIs also take `Bearer <3LO access token>` (its grant acts as the seeded admin).
 * The 401 body is the API's own envelope.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Reply } from "../kit/reply.ts";
import { type Api, apiOf, errorBody } from "./apis.ts";
import type { Caller, Directory } from "./directory.ts";

/** Who is calling: a seeded Basic caller, the org admin key, or nobody (public paths). */
export type Principal = { kind: "user"; caller: Caller } | { kind: "orgKey" } | { kind: "anonymous" };

const UNAUTHENTICATED: Record<Api, string> = {
  edge: "Unauthorized",
  graphql: "Unauthorized",
  jira: "Client must be authenticated to access this resource.",
  teams:
    "Unauthorized: the request needs Basic authentication with an Atlassian account e-mail and API token",
  ops: "Unauthorized: invalid or missing credentials",
  admin: "The API key is invalid or expired",
};

function unauthorized(api: Api): { reply: Reply } {
  return { reply: { status: 401, body: errorBody(api, 401, UNAUTHENTICATED[api]) } };
}

/** Decodes `Basic base64(email:token)`; undefined for any other form. */
export function parseBasic(header: string | undefined): { email: string; token: string } | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)$/.exec(header ?? "");
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 1) return undefined;
  return { email: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
}

/** Authenticates a request to `path` against `dir`'s callers and admin key. */
export function authenticate(
  headers: IncomingHttpHeaders,
  path: string,
  dir: Directory,
  bearer: (token: string) => boolean = () => false,
): { key: Principal } | { reply: Reply } {
  const api = apiOf(path);
  if (api === "edge") return { key: { kind: "anonymous" } };
  // 3LO tokens reach the Jira platform and Ops APIs only (reference §2.3), acting as the seeded admin.
  const token = /^Bearer\s+(\S+)$/.exec(headers.authorization ?? "")?.[1];
  if (token && (api === "jira" || api === "ops")) {
    const admin = [...dir.callers.values()].find((c) => c.kind === "admin");
    return admin && bearer(token) ? { key: { kind: "user", caller: admin } } : unauthorized(api);
  }
  if (api === "admin") {
    const m = /^Bearer\s+(\S+)$/.exec(headers.authorization ?? "");
    return m?.[1] === dir.adminApiKey ? { key: { kind: "orgKey" } } : unauthorized(api);
  }
  const basic = parseBasic(headers.authorization);
  const caller = basic && dir.callerOf(basic.email, basic.token);
  return caller ? { key: { kind: "user", caller } } : unauthorized(api);
}
