import type { ProviderClient, ProxyResource } from "../../core/provider/contract.ts";
import { cloudIdOf } from "./discovery.ts";
import { domains, hosts } from "./domains.ts";
import { jiraUsersPaging, opsPaging, wholeList } from "./paging.ts";

const ops = (path: string, operations: ProxyResource["operations"], paged = true): ProxyResource => ({
  path: `/jsm/ops/api/{cloud_id}/v1${path}`,
  operations,
  host: hosts.api,
  domain: domains.ops,
  ...(paged ? { pagination: opsPaging() } : {}),
});

/**
 * Jira's users on the site, and the JSM Ops API's own records, 1-to-1, on api.atlassian.com. `{cloud_id}` is the site's, discovered by
 * Roster (see `proxyPathParams`): a caller cannot set it. Per-team resources (escalations, heartbeats) take
 * `team_id`, on-calls `schedule_id`, as query parameters; schedules and alerts need none.
 */
export const proxyResources = {
  // Jira's users on the site, every account type (the unified users keep people only).
  users: {
    path: "/rest/api/3/users/search",
    operations: ["list"],
    host: hosts.site,
    domain: domains.site,
    pagination: jiraUsersPaging,
  },
  teams: { ...ops("/teams", ["list"], false), pagination: wholeList("platformTeams") },
  roles: ops("/roles", ["list", "get", "create", "replace", "delete"]),
  schedules: ops("/schedules", ["list", "get", "create", "update", "delete"]),
  "on-calls": { ...ops("/schedules/{schedule_id}/on-calls", ["get"], false), singleton: true },
  escalations: ops("/teams/{team_id}/escalations", ["list", "get", "create", "update", "delete"]),
  heartbeats: ops("/teams/{team_id}/heartbeats", ["list", "create"]),
  // JSM Ops keeps Opsgenie's alert model; 3LO needs `read:ops-alert:jira-service-management` (reference §2.3).
  alerts: ops("/alerts", ["list", "get"]),
} satisfies Record<string, ProxyResource>;

/** Path parameters Roster fills itself: the site's cloudId. */
export async function proxyPathParams(call: ProviderClient): Promise<Record<string, string>> {
  return { cloud_id: await cloudIdOf(call) };
}
