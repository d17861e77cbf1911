/**
 * The JSM Ops API's own records beyond teams and roles (reference §4.1): schedules with their on-call
 * participant, one escalation per ops team, heartbeats on some teams, and alerts (Opsgenie's alert model,
 * which JSM Ops keeps [unverified]). Seeded from the ops teams, deterministically per rng.
 */
import type { Rng } from "../kit/rng.ts";
import type { Team } from "./model.ts";

/** A schedule (`/v1/schedules`), owned by an ops team; `onCall` is the account id on call now. */
export interface Schedule {
  id: string;
  name: string;
  description: string;
  timezone: string;
  enabled: boolean;
  teamId: string;
  onCall: string | null;
}

/** An escalation policy of a team (`/v1/teams/{teamId}/escalations`), exactly the reference's shape. */
export interface Escalation {
  teamId: string;
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  rules: { condition: string; notifyType: string; delay: number; recipient: { id: string; type: string } }[];
  repeat: { waitInterval: number; count: number; resetRecipientStates: boolean; closeAlertAfterAll: boolean };
}

/** A heartbeat of a team (`/v1/teams/{teamId}/heartbeats`); `interval` in `intervalUnit`s. */
export interface Heartbeat {
  name: string;
  description: string;
  interval: number;
  intervalUnit: "minutes" | "hours" | "days";
  enabled: boolean;
  status: string;
  ownerTeamId: string;
  alertMessage: string;
  alertTags: string[];
  alertPriority: string;
}

/** An alert (`/v1/alerts`): Opsgenie's alert fields [unverified for JSM]; dates ISO-8601. */
export interface Alert {
  id: string;
  tinyId: string;
  alias: string;
  message: string;
  status: "open" | "closed";
  acknowledged: boolean;
  isSeen: boolean;
  tags: string[];
  priority: "P1" | "P2" | "P3" | "P4" | "P5";
  createdAt: string;
  updatedAt: string;
  owner: string;
  responders: { type: "team" | "user"; id: string }[];
}

/** Every ops record of one site, in list order. */
export interface OpsRecords {
  schedules: Schedule[];
  escalations: Escalation[];
  heartbeats: Heartbeat[];
  alerts: Alert[];
}

const ZONES = ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC"];
const PRIORITIES: Alert["priority"][] = ["P1", "P2", "P3", "P4", "P5"];
/** Alerts date from this instant on, one every 17 minutes, so order and values stay fixed per seed. */
const EPOCH = Date.parse("2026-01-05T08:00:00.000Z");

/** 1–3 schedules and one escalation per ops team, a heartbeat on every other team, and `alertCount` alerts. */
export function seedOpsRecords(rng: Rng, teams: readonly Team[], alertCount = 20): OpsRecords {
  const records: OpsRecords = { schedules: [], escalations: [], heartbeats: [], alerts: [] };
  const ops = teams.filter((t) => t.ops);
  ops.forEach((team, i) => {
    const count = rng.int(1, 3);
    for (let n = 1; n <= count; n++)
      records.schedules.push({
        id: rng.uuid(),
        name: `${team.displayName} schedule ${n}`,
        description: `Rotation ${n} of ${team.displayName}`,
        timezone: rng.pick(ZONES),
        enabled: n < 3,
        teamId: team.teamId,
        onCall: team.members.length > 0 ? rng.pick(team.members) : null,
      });
    records.escalations.push({
      teamId: team.teamId,
      id: rng.uuid(),
      name: `${team.displayName} escalation`,
      description: `Escalates ${team.displayName} alerts`,
      enabled: true,
      rules: [
        {
          condition: "if-not-closed",
          notifyType: "all",
          delay: 1,
          recipient: { id: team.teamId, type: "team" },
        },
      ],
      repeat: { waitInterval: 10, count: 2, resetRecipientStates: false, closeAlertAfterAll: false },
    });
    if (i % 2 === 0)
      records.heartbeats.push({
        name: `${team.displayName} heartbeat`,
        description: `Liveness of ${team.displayName}'s monitoring`,
        interval: rng.int(5, 60),
        intervalUnit: "minutes",
        enabled: true,
        status: rng.chance(0.8) ? "Active" : "Expired",
        ownerTeamId: team.teamId,
        alertMessage: `${team.displayName} heartbeat expired`,
        alertTags: ["heartbeat"],
        alertPriority: "P3",
      });
  });
  for (let n = 0; n < alertCount && ops.length > 0; n++) {
    const team = rng.pick(ops);
    const closed = rng.chance(0.4);
    const created = new Date(EPOCH + n * 17 * 60_000);
    const owner = team.members.length > 0 ? rng.pick(team.members) : "";
    records.alerts.push({
      id: rng.uuid(),
      tinyId: String(n + 1),
      alias: `alias-${n + 1}`,
      message: `Alert ${n + 1} for ${team.displayName}`,
      status: closed ? "closed" : "open",
      acknowledged: closed || rng.chance(0.5),
      isSeen: true,
      tags: [rng.pick(["db", "web", "network", "storage"])],
      priority: rng.pick(PRIORITIES),
      createdAt: created.toISOString(),
      updatedAt: new Date(created.getTime() + 5 * 60_000).toISOString(),
      owner,
      responders: [{ type: "team", id: team.teamId }],
    });
  }
  return records;
}
