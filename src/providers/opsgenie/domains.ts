/**
 * Opsgenie's rate-limit domains (reference §7): each has its own per-second and per-minute bucket per account.
 * Listing users and alerts is "search"; the rest of the directory is "configuration".
 */
export const domains = {
  search: "search",
  configuration: "configuration",
  alert: "alert",
  incident: "incident",
  heartbeat: "heartbeat",
  onCalls: "schedule-oncalls",
} as const;
