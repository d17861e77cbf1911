import type { RosterEvent } from "@roster/client";
import type { Workspaces } from "./workspaces.ts";

/** The events the mapper subscribes to. */
export const GROUP_EVENTS = [
  "group.created",
  "group.updated",
  "group.deleted",
  "group.migrated",
  "group.member_added",
  "group.member_removed",
] as const;

/**
 * Applies one `group.*` event to the workspaces: a new team gets a workspace, a renamed team renames it, a
 * deleted team archives it, members follow `member_added` / `member_removed`. Other events are ignored.
 */
export function applyGroupEvent(workspaces: Workspaces, event: RosterEvent): void {
  switch (event.type) {
    case "group.created":
      workspaces.upsert(event.data.integrated_account_id, event.data.record);
      break;
    case "group.updated":
      if (event.data.changed_fields.includes("name"))
        workspaces.rename(event.data.integrated_account_id, event.data.record);
      break;
    case "group.deleted":
      workspaces.archive(event.data.integrated_account_id, event.data.record.id);
      break;
    case "group.migrated":
      workspaces.rekey(
        event.data.integrated_account_id,
        event.data.record.previous_id,
        event.data.record.record,
      );
      break;
    case "group.member_added":
      workspaces.addMember(event.data.integrated_account_id, event.data.group, event.data.record.user_id);
      break;
    case "group.member_removed":
      workspaces.removeMember(
        event.data.integrated_account_id,
        event.data.group.id,
        event.data.record.user_id,
      );
      break;
  }
}
