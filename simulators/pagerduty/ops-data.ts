/**
 * The operational records around the directory, kept small (a few per team) but linked like a real account:
 * each schedule rotates weekly through some members of a team, an escalation policy pages that schedule, a
 * service escalates through the policy, and each service has an open and a resolved incident. Deleting a
 * user or team in the directory leaves these records in place; their views drop references that no longer
 * resolve.
 */
import { createRng, hashSeed } from "../kit/rng.ts";
import type { Directory } from "./directory.ts";
import type { User } from "./model.ts";

export interface Schedule {
  id: string;
  name: string;
  timeZone: string;
  teamId?: string;
  /** The rotation, in order; one week each. */
  userIds: string[];
  /** When the rotation started (ISO-8601). */
  start: string;
}

export interface EscalationPolicy {
  id: string;
  name: string;
  teamId?: string;
  scheduleId: string;
  /** The id of its single escalation rule. */
  ruleId: string;
}

export interface Service {
  id: string;
  name: string;
  teamId?: string;
  policyId: string;
  createdAt: string;
}

export interface Incident {
  id: string;
  number: number;
  title: string;
  serviceId: string;
  status: "triggered" | "acknowledged" | "resolved";
  urgency: "high" | "low";
  createdAt: string;
  /** Who is assigned while the incident is open. */
  assigneeId?: string;
  key: string;
}

/** A week, in milliseconds: the length of every generated rotation turn. */
export const WEEK_MS = 7 * 24 * 3600 * 1000;
const ROTATION_START = Date.UTC(2024, 0, 1);
const INCIDENT_EPOCH = Date.UTC(2025, 0, 1);

/** Roles that take on-call shifts. */
const RESPONDERS = new Set(["owner", "admin", "user", "limited_user"]);

export class OpsData {
  constructor(
    readonly schedules: Schedule[],
    readonly policies: EscalationPolicy[],
    readonly services: Service[],
    readonly incidents: Incident[],
  ) {}

  /** True when `userId` is assigned to an incident that is not resolved. */
  hasOpenIncidents(userId: string): boolean {
    return this.incidents.some((i) => i.status !== "resolved" && i.assigneeId === userId);
  }

  /** What still uses team `teamId` ("schedule <name>", "escalation policy <name>", "service <name>"). */
  associationsOf(teamId: string): string[] {
    return [
      ...this.schedules.filter((s) => s.teamId === teamId).map((s) => `schedule ${s.name}`),
      ...this.policies.filter((p) => p.teamId === teamId).map((p) => `escalation policy ${p.name}`),
      ...this.services.filter((s) => s.teamId === teamId).map((s) => `service ${s.name}`),
    ];
  }

  /** The turn of `schedule`'s rotation at `nowMs`: its user id and the turn's start and end (ms). */
  turnAt(schedule: Schedule, nowMs: number): { userId?: string; start: number; end: number } {
    const origin = Date.parse(schedule.start);
    const turn = Math.max(0, Math.floor((nowMs - origin) / WEEK_MS));
    const userId = schedule.userIds.length > 0 ? schedule.userIds[turn % schedule.userIds.length] : undefined;
    return { userId, start: origin + turn * WEEK_MS, end: origin + (turn + 1) * WEEK_MS };
  }
}

/** Operational records for `dir` (seed stream "ops"): about one schedule, policy and service per 5 teams. */
export function generateOpsData(seed: number, dir: Directory): OpsData {
  const rng = createRng(hashSeed(seed, "ops"));
  const teams = [...dir.teams.values()];
  const responders = [...dir.users.values()].filter((u) => RESPONDERS.has(u.role));
  const count = Math.min(20, Math.max(2, Math.ceil(teams.length / 5)));
  const ops = new OpsData([], [], [], []);
  for (let i = 0; i < count; i++) {
    const team = teams[i];
    const word = team?.name ?? `Shared ${i + 1}`;
    const onTeam = team ? [...team.members].filter(([, role]) => role !== "observer").map(([id]) => id) : [];
    const userIds = onTeam.filter((id) => RESPONDERS.has((dir.users.get(id) as User).role)).slice(0, 4);
    if (userIds.length === 0) userIds.push(...rng.sample(responders, 2).map((u) => u.id));
    const schedule: Schedule = {
      id: dir.ids.next(),
      name: `${word} Primary`,
      timeZone: (dir.users.get(userIds[0] ?? "") as User | undefined)?.timeZone ?? "Etc/UTC",
      teamId: team?.id,
      userIds,
      start: new Date(ROTATION_START + rng.int(0, 6) * 24 * 3600 * 1000).toISOString(),
    };
    const policy: EscalationPolicy = {
      id: dir.ids.next(),
      name: `${word} Escalation`,
      teamId: team?.id,
      scheduleId: schedule.id,
      ruleId: dir.ids.next(),
    };
    const service: Service = {
      id: dir.ids.next(),
      name: `${word} API`,
      teamId: team?.id,
      policyId: policy.id,
      createdAt: new Date(ROTATION_START - rng.int(1, 700) * 24 * 3600 * 1000).toISOString(),
    };
    ops.schedules.push(schedule);
    ops.policies.push(policy);
    ops.services.push(service);
    for (const status of ["triggered", "resolved"] as const) {
      const number = ops.incidents.length + 1;
      ops.incidents.push({
        id: dir.ids.next(),
        number,
        title:
          status === "triggered"
            ? `${service.name} latency above threshold`
            : `${service.name} errors spiking`,
        serviceId: service.id,
        status,
        urgency: rng.chance(0.8) ? "high" : "low",
        createdAt: new Date(INCIDENT_EPOCH + rng.int(0, 300) * 24 * 3600 * 1000).toISOString(),
        assigneeId: status === "triggered" ? userIds[0] : undefined,
        key: rng.uuid().replace(/-/g, ""),
      });
    }
  }
  return ops;
}
