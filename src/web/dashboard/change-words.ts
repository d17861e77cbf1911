import { noun } from "./format.ts";
import type { ChangeEvent } from "./types.ts";

/** The event types the Changes panel offers as a filter, in words. */
export const changeTypes: [string, string][] = [
  ["user.created", "User created"],
  ["user.updated", "User updated"],
  ["user.deleted", "User deleted"],
  ["group.member_added", "Member added"],
  ["group.member_removed", "Member removed"],
  ["group.member_updated", "Member's team role changed"],
  ["group.created", "Team created"],
  ["group.updated", "Team updated"],
  ["group.deleted", "Team deleted"],
  ["role.created", "Role created"],
  ["role.updated", "Role changed"],
  ["role.deleted", "Role deleted"],
  ["license.updated", "Seats changed"],
  ["integrated_account.created", "Account linked"],
  ["integrated_account.updated", "Account updated"],
  ["integrated_account.deleted", "Account deleted"],
  ["integrated_account.needs_reauth", "Account needs reconnecting"],
  ["sync_job_run.completed", "Sync completed"],
  ["sync_job_run.failed", "Sync failed"],
];

/** The directory's own changes (people, teams, roles, seats): what the feed shows unless asked otherwise. */
export const directoryChangeTypes = changeTypes
  .map(([type]) => type)
  .filter((type) => /^(user|group|role|license)\./.test(type));

const typeWords = new Map(changeTypes);

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** One line saying what changed, e.g. "jane@example.com added to Platform (user)". */
export function describeChange(event: ChangeEvent): { title: string; detail: string } {
  const record = event.data.record ?? {};
  const who = text(record.name) ?? text(record.username) ?? text(record.user_id) ?? text(record.id) ?? "";
  const title = typeWords.get(event.type) ?? event.type;
  if (event.type.startsWith("group.member_")) {
    const member = text(record.username) ?? text(record.user_id) ?? "";
    const team = event.data.group?.name ?? event.data.group?.id ?? "";
    const role = text(record.role);
    const verb =
      event.type === "group.member_removed"
        ? "removed from"
        : event.type === "group.member_added"
          ? "added to"
          : "in";
    return { title, detail: `${member} ${verb} ${team}${role ? ` (${role})` : ""}` };
  }
  if (event.type === "license.updated") {
    const used = record.assigned_quantity;
    const available = record.available_quantity;
    // "1 of 1 seat used", "3 of 40 seats used": the noun agrees with the figure next to it.
    const seats = noun(typeof available === "number" ? available : 0, "seat", "seats");
    return { title, detail: `${who}: ${used ?? "?"} of ${available ?? "no limit"} ${seats} used` };
  }
  if (event.type.endsWith(".updated") && event.data.changed_fields?.length)
    return { title, detail: `${who}: ${event.data.changed_fields.join(", ")}` };
  if (event.type.startsWith("sync_job_run.")) {
    const stats = record.stats as Record<string, number> | undefined;
    return {
      title,
      detail: stats
        ? `${stats.created} created, ${stats.updated} updated, ${stats.deleted} deleted`
        : (text(record.error) ?? ""),
    };
  }
  if (event.type.startsWith("integrated_account.")) return { title, detail: text(record.tenant_id) ?? "" };
  return { title, detail: who };
}
