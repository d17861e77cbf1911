/**
 * Opsgenie's routes: the kit's Route plus the access a call needs (write, configuration, account-level),
 * its rate-limit domain, and the simulator state handlers read. Auth and limits are enforced once in the
 * pipeline and the dialect from these flags, never inside handlers.
 */
import type { RequestContext as KitRequestContext, Route as KitRoute } from "../kit/route.ts";
import type { Anomalies } from "./anomalies.ts";
import type { ApiKeyInfo } from "./auth.ts";
import type { Directory } from "./directory.ts";
import type { OpsData } from "./ops-data.ts";
import type { Domain, DomainReport } from "./rate-limits.ts";

export interface SimState {
  dir: Directory;
  ops: OpsData;
  /** Data anomalies switched on by tests (off by default). */
  anomalies: Anomalies;
  /** The configured limits in `/v2/request-limits/` shape. */
  rateLimitReport(): DomainReport[];
  /** True when `/v2/request-limits/` refuses every key (the limits are still enforced). */
  rateLimitsHidden(): boolean;
}

export type RequestContext = KitRequestContext<SimState, ApiKeyInfo>;

export interface Route extends KitRoute<RequestContext, Domain> {
  /** Needs configuration access ("Restrict access to configurations" blocks it). */
  config: boolean;
  /** Account-level call: refused to team integration keys. */
  accountLevel: boolean;
  /** Alert/incident actions that API-Key-Management keys may not perform (reference §2.2). */
  integrationOnly?: boolean;
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
