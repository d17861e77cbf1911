import type { RosterEvent } from "@roster/client";
import { type Grants, grantFor, type RoleMap } from "./grants.ts";

/** The events role sync subscribes to. */
export const USER_EVENTS = ["user.created", "user.updated", "user.deleted", "user.migrated"] as const;

/** Fields of a unified user that change what it may do in the product. */
const RELEVANT = new Set(["roles", "status", "emails"]);

/**
 * Applies one `user.*` event: a new person gets the permissions of their roles, an update of their roles or
 * status recomputes them, a deleted person loses everything, a migrated one keeps the grant under the new id.
 * Returns true when a grant changed.
 */
export function applyUserEvent(grants: Grants, roleMap: RoleMap, event: RosterEvent): boolean {
  switch (event.type) {
    case "user.created":
      return grants.set(grantFor(event.data.integrated_account_id, event.data.record, roleMap));
    case "user.updated":
      if (!event.data.changed_fields.some((field) => RELEVANT.has(field))) return false;
      return grants.set(grantFor(event.data.integrated_account_id, event.data.record, roleMap));
    case "user.deleted":
      grants.revoke(event.data.integrated_account_id, event.data.record.id);
      return true;
    case "user.migrated":
      grants.revoke(event.data.integrated_account_id, event.data.record.previous_id);
      return grants.set(grantFor(event.data.integrated_account_id, event.data.record.record, roleMap));
    default:
      return false;
  }
}
