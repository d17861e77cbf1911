import type { UnifiedResourceName } from "../core/models/index.ts";

/** The unified category a sync reads. */
export const SYNC_CATEGORY = "user-directory";

/** Read in this order: users first, so that memberships and search see the users of the same run. */
export const syncResources: readonly UnifiedResourceName[] = [
  "users",
  "groups",
  "roles",
  "licenses",
  "organizations",
];

/**
 * How each resource turns into change events: the event prefix and which kinds it has. Licenses only
 * change (seats used); organizations carry no events (API.md lists none).
 */
export const eventRules: Record<
  UnifiedResourceName,
  { prefix: string; created: boolean; updated: boolean; deleted: boolean; ignore: readonly string[] }
> = {
  users: { prefix: "user", created: true, updated: true, deleted: true, ignore: [] },
  groups: { prefix: "group", created: true, updated: true, deleted: true, ignore: ["members"] },
  roles: { prefix: "role", created: true, updated: true, deleted: true, ignore: [] },
  licenses: { prefix: "license", created: false, updated: true, deleted: false, ignore: [] },
  organizations: { prefix: "organization", created: false, updated: false, deleted: false, ignore: [] },
};

/** Options of the unified list call per resource: groups are read with their members. */
export function includesFor(resource: UnifiedResourceName): string[] {
  return resource === "groups" ? ["members"] : [];
}

export function orderResources(resources: readonly string[]): UnifiedResourceName[] {
  return syncResources.filter((r) => resources.includes(r));
}
