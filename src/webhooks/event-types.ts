/**
 * The event types a webhook can subscribe to (API.md "Webhooks"). `webhook.disabled` is Roster's own
 * account-level event telling the other endpoints of an environment that one endpoint was disabled.
 * `webhook.test` is sent only by `POST /webhook/{id}/test`, to that endpoint, whatever its filter.
 */
export const EVENT_TYPES = [
  "user.created",
  "user.updated",
  "user.deleted",
  "user.migrated",
  "group.created",
  "group.updated",
  "group.deleted",
  "group.migrated",
  "group.member_added",
  "group.member_removed",
  "group.member_updated",
  "role.created",
  "role.updated",
  "role.deleted",
  "role.migrated",
  "license.updated",
  "integrated_account.created",
  "integrated_account.updated",
  "integrated_account.deleted",
  "integrated_account.needs_reauth",
  "integrated_account.migrated",
  "sync_job_run.completed",
  "sync_job_run.failed",
  "webhook.disabled",
] as const;

export const TEST_EVENT_TYPE = "webhook.test";

const known = new Set<string>(EVENT_TYPES);

export function unknownEventTypes(types: readonly string[]): string[] {
  return types.filter((t) => t !== "*" && !known.has(t));
}

export function subscribes(eventTypes: readonly string[], type: string): boolean {
  return eventTypes.includes("*") || eventTypes.includes(type);
}
