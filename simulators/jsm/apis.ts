/**
 * The Atlassian APIs one simulator serves on one port (reference §2.1), told apart by path prefix, and how
 * each answers an error (§5.2): Jira `{errorMessages,errors}`, JSM Ops `{errors:[{title}]}`, Teams
 * `{code,message}` (string code), gateway/GraphQL/edge `{code,message}` (numeric code), Admin a JSON:API-style
 * `{errors:[{status,code,title}]}` [unverified].
 */
import { HttpError, type Json } from "../kit/reply.ts";

/** edge: `/_edge/tenant_info`; graphql: `/gateway/api/graphql`; the others their own prefixes. */
export type Api = "edge" | "graphql" | "jira" | "teams" | "ops" | "admin";

/** Rate-limit domains: one per API, `gateway` for edge and GraphQL. */
export const DOMAINS = ["jira", "teams", "ops", "admin", "gateway"] as const;
export type Domain = (typeof DOMAINS)[number];

/** Paths of the customer's site (the rest are api.atlassian.com's). */
export const SITE_APIS: readonly Api[] = ["edge", "graphql", "jira", "teams"];

/** The API a path belongs to; unknown prefixes are answered as the gateway would (`graphql` envelope). */
export function apiOf(path: string): Api {
  if (path.startsWith("/_edge/")) return "edge";
  if (path.startsWith("/rest/api/3/")) return "jira";
  if (path.startsWith("/gateway/api/public/teams/")) return "teams";
  if (path.startsWith("/jsm/ops/api/")) return "ops";
  if (path.startsWith("/admin/")) return "admin";
  return "graphql";
}

const TEAMS_CODES: Record<number, string> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  410: "GONE",
  429: "RATE_LIMITED",
  500: "INTERNAL_SERVER_ERROR",
  502: "BAD_GATEWAY",
  503: "SERVICE_UNAVAILABLE",
};

/** The error body `api` answers with. */
export function errorBody(api: Api, status: number, message: string): Json {
  switch (api) {
    case "jira":
      return { errorMessages: [message], errors: {} };
    case "ops":
      return { errors: [{ title: message }] };
    case "teams":
      return { code: TEAMS_CODES[status] ?? String(status), message };
    case "admin":
      return {
        errors: [
          { status: String(status), code: TEAMS_CODES[status]?.toLowerCase() ?? "error", title: message },
        ],
      };
    default:
      return { code: status, message };
  }
}

/** An expected failure of one API; the dialect answers it in that API's envelope. */
export class ApiError extends HttpError {
  constructor(
    readonly api: Api,
    status: number,
    message: string,
    headers: Record<string, string> = {},
  ) {
    super(status, message, {}, headers);
  }
}
