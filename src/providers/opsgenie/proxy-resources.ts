import type { ProxyResource } from "../../core/provider/contract.ts";
import { domains } from "./domains.ts";
import { offsetPaging, wholeList } from "./paging.ts";

/**
 * The Proxy API's resources: Opsgenie's own records, 1-to-1 (reference §3–§9). `{param}` path segments are
 * filled from query parameters of the same name (e.g. `team_id`).
 */
export const proxyResources = {
  users: {
    path: "/v2/users",
    operations: ["list", "get", "create", "update", "delete"],
    pagination: offsetPaging,
    listDomain: domains.search,
  },
  "user-teams": { path: "/v2/users/{user_id}/teams", operations: ["list"] },
  contacts: {
    path: "/v2/users/{user_id}/contacts",
    operations: ["list", "get", "create", "update", "delete"],
  },
  teams: { path: "/v2/teams", operations: ["list", "get", "create", "update", "delete"] },
  "team-members": { path: "/v2/teams/{team_id}/members", operations: ["create", "delete"] },
  "team-roles": {
    path: "/v2/teams/{team_id}/roles",
    operations: ["list", "get", "create", "update", "delete"],
  },
  roles: { path: "/v2/roles", operations: ["list", "get", "create", "replace", "delete"] },
  account: { path: "/v2/account", operations: ["get"], singleton: true },
  "request-limits": { path: "/v2/request-limits/", operations: ["get"], singleton: true },
  schedules: { path: "/v2/schedules", operations: ["list", "get", "create", "update", "delete"] },
  "on-calls": { path: "/v2/schedules/on-calls", operations: ["list"], domain: domains.onCalls },
  "schedule-on-calls": {
    path: "/v2/schedules/{schedule_id}/on-calls",
    operations: ["get"],
    singleton: true,
    domain: domains.onCalls,
  },
  escalations: { path: "/v2/escalations", operations: ["list", "get", "create", "update", "delete"] },
  heartbeats: {
    path: "/v2/heartbeats",
    operations: ["list", "get", "create", "update", "delete"],
    pagination: { ...wholeList, itemsPath: "data.heartbeats" },
    domain: domains.heartbeat,
  },
  alerts: {
    path: "/v2/alerts",
    operations: ["list", "get", "create", "delete"],
    pagination: offsetPaging,
    domain: domains.alert,
    listDomain: domains.search,
  },
  incidents: {
    path: "/v1/incidents",
    operations: ["list", "get", "delete"],
    pagination: offsetPaging,
    domain: domains.incident,
  },
  services: {
    path: "/v1/services",
    operations: ["list", "get", "create", "update", "delete"],
    pagination: offsetPaging,
  },
  integrations: { path: "/v2/integrations", operations: ["list", "get", "delete"] },
} satisfies Record<string, ProxyResource>;
