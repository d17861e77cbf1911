import type { EventOf, User } from "@roster/client";

export type MembershipEvent = EventOf<"group.member_added" | "group.member_removed">;

/** A chat message in the shape of Slack's and Mattermost's incoming webhooks (`text`), plus the facts. */
export interface Alert {
  text: string;
  event_type: MembershipEvent["type"];
  integrated_account_id: string;
  tenant_id: string;
  group_id: string;
  user_id: string;
}

/**
 * "Ada Lovelace (ada@example.com) was added to Platform as admin (opsgenie, tenant acme)". `person` is the
 * user as Roster stored it, when it could be read; otherwise the event's username (or the user id) names them.
 */
export function membershipAlert(event: MembershipEvent, person: User | null): Alert {
  const { record, group } = event.data;
  const email = person?.emails?.find((e) => e.is_primary)?.email ?? record.username;
  const who = person?.name ? `${person.name}${email ? ` (${email})` : ""}` : (email ?? record.user_id);
  const team = group.name ?? group.id;
  const change =
    event.type === "group.member_added"
      ? `was added to ${team}${record.role ? ` as ${record.role}` : ""}`
      : `was removed from ${team}`;
  return {
    text: `${who} ${change} (${event.data.integration}, tenant ${event.data.tenant_id})`,
    event_type: event.type,
    integrated_account_id: event.data.integrated_account_id,
    tenant_id: event.data.tenant_id,
    group_id: group.id,
    user_id: record.user_id,
  };
}
