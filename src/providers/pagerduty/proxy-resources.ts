import type { ProxyResource } from "../../core/provider/contract.ts";
import { auditCursorPaging, offsetPaging, wholeList } from "./paging.ts";

/** PagerDuty needs the e-mail of a user of the account in `From` on some writes with an account key. */
const from = ["from"] as const;

/**
 * The Proxy API's resources: PagerDuty's own records, 1-to-1, with every method the REST API has for them
 * (PagerDuty updates with PUT: the proxy's `replace`). `{param}` path segments are filled from query
 * parameters of the same name (e.g. `user_id`). Lists past PagerDuty's 10,000 ceiling fail with
 * `list_truncated`: the proxy passes the caller's own filters, so it cannot narrow on its own.
 */
export const proxyResources = {
  users: {
    path: "/users",
    operations: ["list", "get", "create", "replace", "delete"],
    pagination: offsetPaging("users"),
    passHeaders: from,
  },
  "user-license": { path: "/users/{user_id}/license", operations: ["get"], singleton: true },
  "contact-methods": {
    path: "/users/{user_id}/contact_methods",
    operations: ["list", "get", "create", "replace", "delete"],
    pagination: wholeList("contact_methods"),
  },
  teams: {
    path: "/teams",
    operations: ["list", "get", "create", "replace", "delete"],
    pagination: offsetPaging("teams"),
  },
  // Members are listed under /members and set (PUT, with { role }) or removed under /users/{user_id}.
  "team-members": {
    path: "/teams/{team_id}/members",
    itemPath: "/teams/{team_id}/users/{id}",
    operations: ["list", "replace", "delete"],
    pagination: offsetPaging("members"),
  },
  schedules: {
    path: "/schedules",
    operations: ["list", "get", "create", "replace", "delete"],
    pagination: offsetPaging("schedules"),
  },
  oncalls: { path: "/oncalls", operations: ["list"], pagination: offsetPaging("oncalls") },
  "escalation-policies": {
    path: "/escalation_policies",
    operations: ["list", "get", "create", "replace", "delete"],
    pagination: offsetPaging("escalation_policies"),
    passHeaders: from,
  },
  services: {
    path: "/services",
    operations: ["list", "get", "create", "replace", "delete"],
    pagination: offsetPaging("services"),
  },
  // PagerDuty has no DELETE for incidents (they are resolved); PUT /incidents (bulk) is reachable via /custom.
  incidents: {
    path: "/incidents",
    operations: ["list", "get", "create", "replace"],
    pagination: offsetPaging("incidents"),
    passHeaders: from,
  },
  licenses: { path: "/licenses", operations: ["list"], pagination: wholeList("licenses") },
  "license-allocations": {
    path: "/license_allocations",
    operations: ["list"],
    pagination: offsetPaging("license_allocations"),
  },
  // GET /abilities/{id} answers 204 when the account has the ability, 402 when not.
  abilities: { path: "/abilities", operations: ["list", "get"], pagination: wholeList("abilities") },
  "audit-records": { path: "/audit/records", operations: ["list"], pagination: auditCursorPaging },
} satisfies Record<string, ProxyResource>;
