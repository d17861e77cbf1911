/**
 * JSM's routes: the kit's Route plus which Atlassian API serves it (its authentication and error envelope)
 * and what the caller needs beyond valid credentials. Access is enforced once, in the dialect's `forbidden`.
 */
import type { RequestContext as KitRequestContext, Route as KitRoute } from "../kit/route.ts";
import type { Api, Domain } from "./apis.ts";
import type { Principal } from "./auth.ts";
import type { Directory } from "./directory.ts";

/** The site and organization one simulator serves, and its switches. */
export interface SimState {
  dir: Directory;
  /** `<name>.atlassian.net`. */
  site: string;
  cloudId: string;
  orgId: string;
  /** false: the site was deleted (every site path answers 404, `tenant_info` included). */
  siteAvailable: boolean;
  /** Most accounts one `users/search` page holds, whatever `maxResults` asks (pages come back short). */
  jiraUserPageCap: number;
  /** Accounts per admin API page. */
  adminPageSize: number;
}

export type RequestContext = KitRequestContext<SimState, Principal>;

/**
 * public: no credentials (`tenant_info`); user: any valid Basic caller; opsUser: a JSM agent that is not a
 * service account; opsAdmin: an Operations global admin; jiraAdmin: *Administer Jira*; orgKey: the org's
 * admin API key.
 */
export type Access = "public" | "user" | "opsUser" | "opsAdmin" | "jiraAdmin" | "orgKey";

export interface Route extends KitRoute<RequestContext, Domain> {
  api: Api;
  access: Access;
}

/** A route of `api`, counted against that API's rate-limit domain. */
export function route(
  api: Api,
  access: Access,
  method: Route["method"],
  template: string,
  handler: Route["handler"],
): Route {
  const domain: Domain = api === "edge" || api === "graphql" ? "gateway" : api;
  return { api, access, method, template, handler, domain };
}
