/**
 * The route contract shared by every resource file: a method + template, the rate-limit domain the call
 * counts against, and the access it needs (write, configuration, account-level). Auth and limits are
 * enforced once in the server from these flags, never inside handlers.
 */
import type { Anomalies } from "./anomalies.ts";
import type { ApiKeyInfo } from "./auth.ts";
import type { Directory } from "./directory.ts";
import type { Reply } from "./envelope.ts";
import type { OpsData } from "./ops-data.ts";

export const DOMAINS = [
  "search",
  "configuration",
  "alert",
  "incident",
  "heartbeat",
  "schedule-oncalls",
] as const;
export type Domain = (typeof DOMAINS)[number];

export interface SimState {
  dir: Directory;
  ops: OpsData;
  /** Data anomalies switched on by tests (off by default). */
  anomalies: Anomalies;
  /** The configured limits in `/v2/request-limits/` shape. */
  rateLimitReport(): { domain: Domain; limits: { limit: number; periodInSeconds: number }[] }[];
}

export interface RequestContext {
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  body: unknown;
  /** "http://<Host header>" — paging and `links.api` use the host the client called. */
  baseUrl: string;
  key: ApiKeyInfo;
  state: SimState;
  requestId: string;
}

export interface Route {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path template with `:name` parameters, e.g. "/v2/users/:identifier". */
  template: string;
  domain: Domain;
  /** Needs configuration access ("Restrict access to configurations" blocks it). */
  config: boolean;
  /** Account-level call: refused to team integration keys. */
  accountLevel: boolean;
  /** Alert/incident actions that API-Key-Management keys may not perform (reference §2.2). */
  integrationOnly?: boolean;
  handler(ctx: RequestContext): Reply;
}

/** Route with defaults: configuration domain, configuration access, account-level. */
export function route(
  method: Route["method"],
  template: string,
  handler: Route["handler"],
  flags: Partial<Pick<Route, "domain" | "config" | "accountLevel" | "integrationOnly">> = {},
): Route {
  return {
    method,
    template,
    handler,
    domain: flags.domain ?? "configuration",
    config: flags.config ?? true,
    accountLevel: flags.accountLevel ?? true,
    integrationOnly: flags.integrationOnly,
  };
}
