import type { Role } from "../../core/models/index.ts";

/**
 * Atlassian's published role mapping for an Opsgenie -> JSM migration (reference jsm-ops-api.md §1.2), keyed
 * by the Opsgenie built-in role id. Owner becomes a product admin (an owner who is also site admin becomes
 * site admin, which Roster does not serve as a role); Observer has no published target.
 */
const builtinTargets: Record<string, string | undefined> = {
  Owner: "Product admin",
  Admin: "Operations global admin",
  User: "User",
  Stakeholder: "Stakeholder",
  Observer: undefined,
};

/** JSM succeeds Opsgenie: the name of the JSM role an Opsgenie role became; custom roles keep their name. */
export const succeedsOpsgenie = {
  integration: "opsgenie",
  mapRole(previous: Role): string | undefined {
    if (previous.type === "custom") return previous.name;
    return Object.hasOwn(builtinTargets, previous.id) ? builtinTargets[previous.id] : undefined;
  },
};
