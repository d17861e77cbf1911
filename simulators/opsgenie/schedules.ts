/**
 * Schedules and who-is-on-call (reference §9). On-call users are derived from each rotation's start,
 * length and participants at the current time, so the answer moves like the real thing would.
 */
import { ok, type Reply } from "../kit/reply.ts";
import { notFound } from "./envelope.ts";
import type { Rotation, Schedule } from "./ops-data.ts";
import { type RequestContext, type Route, route } from "./route.ts";
import { identifierType } from "./team-lookup.ts";

const UNIT_MS = { hourly: 3_600_000, daily: 86_400_000, weekly: 7 * 86_400_000 } as const;

function requireSchedule(ctx: RequestContext, typeParam: string): Schedule {
  const id = ctx.params.identifier ?? "";
  const byName = identifierType(ctx, typeParam) === "name";
  const schedule = ctx.state.ops.schedules.find((s) => (byName ? s.name === id : s.id === id));
  if (!schedule) throw notFound("Schedule");
  return schedule;
}

function scheduleView(s: Schedule, withRotations: boolean): Record<string, unknown> {
  const { rotations, ...rest } = s;
  return withRotations ? { ...rest, rotations } : rest;
}

function onCallNow(rotation: Rotation, now: number): Rotation["participants"][number] | undefined {
  const n = rotation.participants.length;
  if (n === 0) return undefined;
  const slot = Math.floor(
    (now - Date.parse(rotation.startDate)) / (UNIT_MS[rotation.type] * rotation.length),
  );
  return rotation.participants[((slot % n) + n) % n];
}

function onCall(s: Schedule, flat: boolean): Record<string, unknown> {
  const now = Date.now();
  const seen = new Map<string, string>();
  for (const rotation of s.rotations) {
    const p = onCallNow(rotation, now);
    if (p) seen.set(p.id, p.username);
  }
  const parent = { id: s.id, name: s.name, enabled: s.enabled };
  if (flat) return { _parent: parent, onCallRecipients: [...seen.values()] };
  return { _parent: parent, onCallParticipants: [...seen].map(([id, name]) => ({ id, name, type: "user" })) };
}

const isFlat = (ctx: RequestContext): boolean => ctx.query.get("flat") === "true";

export const scheduleRoutes: Route[] = [
  route(
    "GET",
    "/v2/schedules",
    (ctx): Reply => {
      const expand = (ctx.query.get("expand") ?? "").includes("rotation");
      return ok({
        data: ctx.state.ops.schedules.map((s) => scheduleView(s, expand)),
        expandable: ["rotation"],
      });
    },
    { accountLevel: false },
  ),
  route(
    "GET",
    "/v2/schedules/:identifier",
    (ctx) => ok({ data: scheduleView(requireSchedule(ctx, "identifierType"), true) }),
    {
      accountLevel: false,
    },
  ),
  route(
    "GET",
    "/v2/schedules/on-calls",
    (ctx) => ok({ data: ctx.state.ops.schedules.map((s) => onCall(s, isFlat(ctx))) }),
    {
      domain: "schedule-oncalls",
      accountLevel: false,
    },
  ),
  route(
    "GET",
    "/v2/schedules/:identifier/on-calls",
    (ctx) => ok({ data: onCall(requireSchedule(ctx, "scheduleIdentifierType"), isFlat(ctx)) }),
    { domain: "schedule-oncalls", accountLevel: false },
  ),
];
