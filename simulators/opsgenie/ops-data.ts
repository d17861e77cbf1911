/**
 * Small seeded data sets for the non-directory families (schedules, escalations, heartbeats, alerts,
 * incidents, services, integrations). They are stored already in wire shape: these families are only
 * listed and read (plus alert creation), so no mapping layer is worth having.
 */
import { createRng, hashSeed, type Rng } from "../kit/rng.ts";
import type { Directory } from "./directory.ts";

type Json = Record<string, unknown>;

export interface Rotation {
  id: string;
  name: string;
  startDate: string;
  type: "daily" | "weekly" | "hourly";
  length: number;
  participants: { type: "user"; id: string; username: string }[];
}

export interface Schedule {
  id: string;
  name: string;
  description: string;
  timezone: string;
  enabled: boolean;
  ownerTeam: { id: string; name: string };
  rotations: Rotation[];
}

export interface OpsData {
  schedules: Schedule[];
  escalations: Json[];
  heartbeats: Json[];
  alerts: Json[];
  incidents: Json[];
  services: Json[];
  integrations: Json[];
}

const EPOCH = Date.UTC(2024, 0, 1);
const iso = (ms: number): string => new Date(ms).toISOString();

function teamsWithMembers(dir: Directory): { id: string; name: string; memberIds: string[] }[] {
  const out: { id: string; name: string; memberIds: string[] }[] = [];
  for (const team of dir.teams.values()) {
    if (team.members.size > 0)
      out.push({ id: team.id, name: team.name, memberIds: [...team.members.keys()] });
    if (out.length >= 20) break;
  }
  return out;
}

export function generateOpsData(seed: number, dir: Directory): OpsData {
  const rng = createRng(hashSeed(seed, "ops"));
  const owners = teamsWithMembers(dir);
  const schedules: Schedule[] = owners.slice(0, 10).map((team) => ({
    id: rng.uuid(),
    name: `${team.name}_schedule`,
    description: `On-call rotation of ${team.name}`,
    timezone: "Europe/Istanbul",
    enabled: rng.chance(0.9),
    ownerTeam: { id: team.id, name: team.name },
    rotations: [
      rotation(rng, dir, team.memberIds, "Primary"),
      rotation(rng, dir, team.memberIds, "Secondary"),
    ],
  }));
  const escalations = schedules.map((s) => ({
    id: rng.uuid(),
    name: `${s.ownerTeam.name}_escalation`,
    description: "",
    ownerTeam: s.ownerTeam,
    rules: [
      rule("if-not-acked", "default", 0, { type: "schedule", id: s.id, name: s.name }),
      rule("if-not-acked", "next", 5, { type: "schedule", id: s.id, name: s.name }),
      rule("if-not-closed", "default", 15, { type: "team", id: s.ownerTeam.id, name: s.ownerTeam.name }),
    ],
    repeat: { waitInterval: 10, count: 2, resetRecipientStates: false, closeAlertAfterAll: false },
  }));
  const heartbeats = ["db-backup", "billing-cron", "etl-nightly", "queue-consumer", "cert-renewal"].map(
    (name) => {
      const expired = rng.chance(0.3);
      return {
        name,
        description: `Heartbeat of ${name}`,
        interval: rng.int(1, 30),
        enabled: rng.chance(0.8),
        intervalUnit: rng.pick(["minutes", "hours", "days"] as const),
        expired,
        lastPingTime: iso(EPOCH + rng.int(0, 86400) * 1000),
        ownerTeam: owners[0] ? { id: owners[0].id, name: owners[0].name } : undefined,
        alertMessage: `HeartbeatAlert: ${name} is expired`,
        alertTags: ["heartbeat"],
        alertPriority: "P3",
      };
    },
  );
  const integrations = [
    { id: rng.uuid(), name: "Default API", enabled: true, type: "API" },
    { id: rng.uuid(), name: "Email", enabled: true, type: "Email" },
    { id: rng.uuid(), name: "Datadog", enabled: rng.chance(0.5), type: "Datadog" },
    ...owners
      .slice(0, 5)
      .map((t) => ({ id: rng.uuid(), name: `${t.name}_API`, enabled: true, type: "API", teamId: t.id })),
  ];
  const alerts = Array.from({ length: 60 }, (_, i) => makeAlert(rng, i, owners, integrations[0] as Json));
  const incidents = Array.from({ length: 15 }, (_, i) => ({
    id: rng.uuid(),
    tinyId: String(i + 1),
    message: `Incident ${i + 1}: ${rng.pick(["checkout down", "elevated latency", "data loss risk", "login errors"])}`,
    status: rng.pick(["open", "resolved", "closed"] as const),
    isSeen: rng.chance(0.7),
    tags: rng.sample(["customer-facing", "sev1", "db", "network"], rng.int(0, 2)),
    createdAt: iso(EPOCH + i * 3_600_000),
    updatedAt: iso(EPOCH + i * 3_600_000 + 600_000),
    source: "simulator",
    owner: "",
    priority: rng.pick(["P1", "P2", "P3", "P4", "P5"] as const),
    responders: owners[0] ? [{ type: "team", id: owners[0].id }] : [],
    ownerTeam: owners[0]?.id ?? "",
    extraProperties: {},
  }));
  const services = owners.slice(0, 12).map((t) => ({
    id: rng.uuid(),
    name: `${t.name} service`,
    description: `Service owned by ${t.name}`,
    teamId: t.id,
    visibility: rng.pick(["TEAM_MEMBERS", "OPSGENIE_USERS"] as const),
    tags: [],
    isExternal: false,
  }));
  return { schedules, escalations, heartbeats, alerts, incidents, services, integrations };
}

function rotation(rng: Rng, dir: Directory, memberIds: string[], name: string): Rotation {
  return {
    id: rng.uuid(),
    name,
    startDate: iso(EPOCH),
    type: rng.pick(["daily", "weekly"] as const),
    length: rng.int(1, 2),
    participants: rng
      .sample(memberIds, 4)
      .map((id) => ({ type: "user", id, username: dir.users.get(id)?.username ?? "" })),
  };
}

function rule(condition: string, notifyType: string, minutes: number, recipient: Json): Json {
  return { condition, notifyType, delay: { timeAmount: minutes, timeUnit: "minutes" }, recipient };
}

function makeAlert(rng: Rng, i: number, owners: { id: string }[], integration: Json): Json {
  const created = EPOCH + i * 1_800_000;
  const status = rng.chance(0.3) ? "open" : "closed";
  return {
    id: rng.uuid(),
    tinyId: String(i + 1),
    alias: `alias-${i + 1}`,
    message: rng.pick([
      "CPU usage high",
      "Disk almost full",
      "5xx rate above 1%",
      "Certificate expiring",
      "Queue backlog",
    ]),
    status,
    acknowledged: status === "closed" || rng.chance(0.3),
    isSeen: rng.chance(0.8),
    tags: rng.sample(["prod", "staging", "db", "web", "critical"], rng.int(0, 3)),
    snoozed: false,
    count: rng.int(1, 5),
    lastOccurredAt: iso(created + 60_000),
    createdAt: iso(created),
    updatedAt: iso(created + 120_000),
    source: "simulator",
    owner: "",
    priority: rng.pick(["P1", "P2", "P3", "P4", "P5"]),
    responders: owners[0] ? [{ type: "team", id: owners[0].id }] : [],
    integration: { id: integration.id, name: integration.name, type: integration.type },
    report: {},
    ownerTeamId: owners[0]?.id ?? "",
  };
}
