/**
 * Schedules, on-calls, escalation policies, services and incidents: offset-paged lists (with `query` on the
 * name and `team_ids[]` where the spec has them, `statuses[]` and `service_ids[]` for incidents, the id filters
 * of `/oncalls`) and gets by id. Incident lists ignore date ranges: every generated incident is listed.
 */
import { type Json, ok, type Reply } from "../kit/reply.ts";
import { notFound } from "./errors.ts";
import { linksOf } from "./links.ts";
import { arrayParam, offsetPage } from "./list.ts";
import type { EscalationPolicy, Incident, Schedule, Service } from "./ops-data.ts";
import { incidentView, oncallView, policyView, scheduleView, serviceView } from "./ops-views.ts";
import { type RequestContext, type Route, route } from "./route.ts";

/** A filter on `query` (case-insensitive substring of the name) and `team_ids[]`, or undefined for none. */
function nameAndTeams<T extends { name: string; teamId?: string }>(
  ctx: RequestContext,
): ((x: T) => boolean) | undefined {
  const query = (ctx.query.get("query") ?? "").trim().toLowerCase();
  const teams = new Set(arrayParam(ctx.query, "team_ids"));
  if (!query && teams.size === 0) return undefined;
  return (x) => x.name.toLowerCase().includes(query) && (teams.size === 0 || teams.has(x.teamId ?? ""));
}

function byId<T extends { id: string }>(items: readonly T[], id: string | undefined): T {
  const found = items.find((x) => x.id === id);
  if (!found) throw notFound();
  return found;
}

function listSchedules(ctx: RequestContext): Reply {
  const { dir, ops } = ctx.state;
  const links = linksOf(ctx);
  return offsetPage(
    ctx.query,
    ops.schedules,
    "schedules",
    (s) => scheduleView(links, dir, ops, s, false),
    nameAndTeams<Schedule>(ctx),
  );
}

function getSchedule(ctx: RequestContext): Reply {
  const { dir, ops } = ctx.state;
  return ok({ schedule: scheduleView(linksOf(ctx), dir, ops, byId(ops.schedules, ctx.params.id), true) });
}

function listPolicies(ctx: RequestContext): Reply {
  const { dir, ops } = ctx.state;
  const links = linksOf(ctx);
  return offsetPage(
    ctx.query,
    ops.policies,
    "escalation_policies",
    (p) => policyView(links, dir, ops, p),
    nameAndTeams<EscalationPolicy>(ctx),
  );
}

function getPolicy(ctx: RequestContext): Reply {
  const { dir, ops } = ctx.state;
  return ok({ escalation_policy: policyView(linksOf(ctx), dir, ops, byId(ops.policies, ctx.params.id)) });
}

function listServices(ctx: RequestContext): Reply {
  const { dir, ops } = ctx.state;
  const links = linksOf(ctx);
  return offsetPage(
    ctx.query,
    ops.services,
    "services",
    (s) => serviceView(links, dir, ops, s),
    nameAndTeams<Service>(ctx),
  );
}

function getService(ctx: RequestContext): Reply {
  const { dir, ops } = ctx.state;
  return ok({ service: serviceView(linksOf(ctx), dir, ops, byId(ops.services, ctx.params.id)) });
}

function listIncidents(ctx: RequestContext): Reply {
  const { dir, ops } = ctx.state;
  const links = linksOf(ctx);
  const statuses = new Set(arrayParam(ctx.query, "statuses"));
  const services = new Set(arrayParam(ctx.query, "service_ids"));
  const filter = (i: Incident): boolean =>
    (statuses.size === 0 || statuses.has(i.status)) && (services.size === 0 || services.has(i.serviceId));
  return offsetPage(ctx.query, ops.incidents, "incidents", (i) => incidentView(links, dir, ops, i), filter);
}

function getIncident(ctx: RequestContext): Reply {
  const { dir, ops } = ctx.state;
  return ok({ incident: incidentView(linksOf(ctx), dir, ops, byId(ops.incidents, ctx.params.id)) });
}

/** Who is on call now, one entry per escalation policy (level 1). */
function listOncalls(ctx: RequestContext): Reply {
  const { dir, ops } = ctx.state;
  const links = linksOf(ctx);
  const now = Date.now();
  const entries = ops.policies.map((p) => oncallView(links, dir, ops, p, now)).filter((e): e is Json => !!e);
  const ids = (name: string) => new Set(arrayParam(ctx.query, name));
  const users = ids("user_ids");
  const policies = ids("escalation_policy_ids");
  const schedules = ids("schedule_ids");
  const idOf = (e: Json, member: string): string => (e[member] as { id: string }).id;
  const filter = (e: Json): boolean =>
    (users.size === 0 || users.has(idOf(e, "user"))) &&
    (policies.size === 0 || policies.has(idOf(e, "escalation_policy"))) &&
    (schedules.size === 0 || schedules.has(idOf(e, "schedule")));
  return offsetPage(ctx.query, entries, "oncalls", (e) => e, filter);
}

export const opsRoutes: Route[] = [
  route("GET", "/schedules", listSchedules),
  route("GET", "/schedules/:id", getSchedule),
  route("GET", "/escalation_policies", listPolicies),
  route("GET", "/escalation_policies/:id", getPolicy),
  route("GET", "/services", listServices),
  route("GET", "/services/:id", getService),
  route("GET", "/incidents", listIncidents),
  route("GET", "/incidents/:id", getIncident),
  route("GET", "/oncalls", listOncalls),
];
