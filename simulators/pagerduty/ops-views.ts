/**
 * Schedules, escalation policies, services, incidents and on-call entries on the wire (spec schemas
 * `Schedule`, `EscalationPolicy`, `Service`, `Incident`, `Oncall`), with references that still resolve.
 */
import type { Json } from "../kit/reply.ts";
import type { Directory } from "./directory.ts";
import { head, type Links, reference } from "./links.ts";
import {
  type EscalationPolicy,
  type Incident,
  type OpsData,
  type Schedule,
  type Service,
  WEEK_MS,
} from "./ops-data.ts";

function userRefs(links: Links, dir: Directory, ids: readonly (string | undefined)[]): Json[] {
  const out: Json[] = [];
  for (const id of ids) {
    const user = id ? dir.users.get(id) : undefined;
    if (user) out.push(reference(links, "user", user.id, user.name));
  }
  return out;
}

function teamRefs(links: Links, dir: Directory, teamId: string | undefined): Json[] {
  const team = teamId ? dir.teams.get(teamId) : undefined;
  return team ? [reference(links, "team", team.id, team.name)] : [];
}

/** The schedule; its layer (one weekly rotation) only when `withLayers` (the get, not the list). */
export function scheduleView(
  links: Links,
  dir: Directory,
  ops: OpsData,
  s: Schedule,
  withLayers: boolean,
): Json {
  const policies = ops.policies.filter((p) => p.scheduleId === s.id);
  const out: Json = {
    ...head(links, "schedule", s.id, s.name),
    name: s.name,
    time_zone: s.timeZone,
    description: `Weekly rotation of ${s.name}`,
    users: userRefs(links, dir, s.userIds),
    teams: teamRefs(links, dir, s.teamId),
    escalation_policies: policies.map((p) => reference(links, "escalation_policy", p.id, p.name)),
  };
  if (!withLayers) return out;
  const layer = {
    id: `${s.id}L1`,
    name: "Layer 1",
    start: s.start,
    rotation_virtual_start: s.start,
    rotation_turn_length_seconds: WEEK_MS / 1000,
    users: userRefs(links, dir, s.userIds).map((user) => ({ user })),
  };
  return { ...out, schedule_layers: [layer] };
}

export function policyView(links: Links, dir: Directory, ops: OpsData, p: EscalationPolicy): Json {
  const schedule = ops.schedules.find((s) => s.id === p.scheduleId) as Schedule;
  return {
    ...head(links, "escalation_policy", p.id, p.name),
    name: p.name,
    num_loops: 0,
    on_call_handoff_notifications: "if_has_services",
    escalation_rules: [
      {
        id: p.ruleId,
        escalation_delay_in_minutes: 30,
        targets: [reference(links, "schedule", schedule.id, schedule.name)],
      },
    ],
    services: ops.services
      .filter((s) => s.policyId === p.id)
      .map((s) => reference(links, "service", s.id, s.name)),
    teams: teamRefs(links, dir, p.teamId),
  };
}

export function serviceView(links: Links, dir: Directory, ops: OpsData, s: Service): Json {
  const policy = ops.policies.find((p) => p.id === s.policyId) as EscalationPolicy;
  return {
    ...head(links, "service", s.id, s.name),
    name: s.name,
    description: `The ${s.name}`,
    auto_resolve_timeout: 14400,
    acknowledgement_timeout: 1800,
    created_at: s.createdAt,
    status: ops.incidents.some((i) => i.serviceId === s.id && i.status !== "resolved")
      ? "critical"
      : "active",
    escalation_policy: reference(links, "escalation_policy", policy.id, policy.name),
    teams: teamRefs(links, dir, s.teamId),
    integrations: [],
    incident_urgency_rule: { type: "constant", urgency: "high" },
    alert_creation: "create_alerts_and_incidents",
  };
}

export function incidentView(links: Links, dir: Directory, ops: OpsData, i: Incident): Json {
  const service = ops.services.find((s) => s.id === i.serviceId) as Service;
  const policy = ops.policies.find((p) => p.id === service.policyId) as EscalationPolicy;
  const open = i.status !== "resolved";
  const out: Json = {
    ...head(links, "incident", i.id, `[#${i.number}] ${i.title}`),
    incident_number: i.number,
    title: i.title,
    created_at: i.createdAt,
    updated_at: i.createdAt,
    status: i.status,
    incident_key: i.key,
    service: reference(links, "service", service.id, service.name),
    assignments: open
      ? userRefs(links, dir, [i.assigneeId]).map((assignee) => ({ at: i.createdAt, assignee }))
      : [],
    assigned_via: "escalation_policy",
    last_status_change_at: i.createdAt,
    alert_counts: { all: 1, triggered: open ? 1 : 0, resolved: open ? 0 : 1 },
    is_mergeable: true,
    escalation_policy: reference(links, "escalation_policy", policy.id, policy.name),
    teams: teamRefs(links, dir, service.teamId),
    urgency: i.urgency,
  };
  if (!open) out.resolved_at = i.createdAt;
  return out;
}

/** The level-1 on-call entry of `p` at `nowMs` (its schedule's current turn); undefined if nobody is on it. */
export function oncallView(
  links: Links,
  dir: Directory,
  ops: OpsData,
  p: EscalationPolicy,
  nowMs: number,
): Json | undefined {
  const schedule = ops.schedules.find((s) => s.id === p.scheduleId) as Schedule;
  const turn = ops.turnAt(schedule, nowMs);
  const [user] = userRefs(links, dir, [turn.userId]);
  if (!user) return undefined;
  return {
    escalation_policy: reference(links, "escalation_policy", p.id, p.name),
    escalation_level: 1,
    schedule: reference(links, "schedule", schedule.id, schedule.name),
    user,
    start: new Date(turn.start).toISOString(),
    end: new Date(turn.end).toISOString(),
  };
}
