/**
 * JSM Ops records beyond teams and roles (reference §4.1), under `/jsm/ops/api/{cloudId}`, in the Ops list
 * envelope (see ops-paging.ts): `GET /v1/schedules?query=` (`query` matches the name) and `/v1/schedules/{id}`;
 * `GET /v1/schedules/{id}/on-calls?date=&flat=` → `{onCallParticipants:[{id,type:"user"}]}` (`flat=true` →
 * `{onCallRecipients:[accountId]}`, key [unverified]); `GET /v1/teams/{teamId}/escalations[/{id}]`;
 * `GET /v1/teams/{teamId}/heartbeats?name=`; `GET /v1/alerts` and `/v1/alerts/{id}` (Opsgenie's alert model,
 * [unverified] for JSM). Unknown ids and teams that are not ops-enabled are 404s in the Ops envelope.
 */
import { ok, type Reply } from "../kit/reply.ts";
import { ApiError } from "./apis.ts";
import type { Team } from "./model.ts";
import { checkCloud, opsPage } from "./ops-paging.ts";
import type { Schedule } from "./ops-records.ts";
import { type RequestContext, type Route, route } from "./route.ts";

function opsTeam(ctx: RequestContext): Team {
  checkCloud(ctx);
  const team = ctx.state.dir.teams.get(ctx.params.teamId ?? "");
  if (!team?.ops) throw new ApiError("ops", 404, `Team with id [${ctx.params.teamId}] could not be found`);
  return team;
}

function found<T>(item: T | undefined, what: string, id: string | undefined): T {
  if (item === undefined) throw new ApiError("ops", 404, `${what} with id [${id}] could not be found`);
  return item;
}

const scheduleView = ({ onCall: _onCall, ...schedule }: Schedule) => ({ ...schedule });

function schedules(ctx: RequestContext): Reply {
  checkCloud(ctx);
  const query = ctx.query.get("query") ?? "";
  const all = ctx.state.dir.ops.schedules.filter((s) => s.name.toLowerCase().includes(query.toLowerCase()));
  return ok(opsPage(ctx, all, "/v1/schedules", scheduleView, query ? { query } : {}));
}

function scheduleOf(ctx: RequestContext): Schedule {
  checkCloud(ctx);
  const id = ctx.params.id;
  return found(
    ctx.state.dir.ops.schedules.find((s) => s.id === id),
    "Schedule",
    id,
  );
}

function onCalls(ctx: RequestContext): Reply {
  const schedule = scheduleOf(ctx);
  const date = ctx.query.get("date");
  if (date && Number.isNaN(Date.parse(date)))
    throw new ApiError("ops", 400, `Invalid 'date': expected an ISO-8601 date-time`);
  const ids = schedule.onCall ? [schedule.onCall] : [];
  if (ctx.query.get("flat") === "true") return ok({ onCallRecipients: ids });
  return ok({ onCallParticipants: ids.map((id) => ({ id, type: "user" })) });
}

function escalations(ctx: RequestContext): Reply {
  const team = opsTeam(ctx);
  const all = ctx.state.dir.ops.escalations.filter((e) => e.teamId === team.teamId);
  return ok(opsPage(ctx, all, `/v1/teams/${team.teamId}/escalations`, ({ teamId: _t, ...e }) => ({ ...e })));
}

function escalation(ctx: RequestContext): Reply {
  const team = opsTeam(ctx);
  const id = ctx.params.id;
  const { teamId: _t, ...e } = found(
    ctx.state.dir.ops.escalations.find((x) => x.teamId === team.teamId && x.id === id),
    "Escalation",
    id,
  );
  return ok({ ...e });
}

function heartbeats(ctx: RequestContext): Reply {
  const team = opsTeam(ctx);
  const name = ctx.query.get("name");
  const all = ctx.state.dir.ops.heartbeats.filter(
    (h) => h.ownerTeamId === team.teamId && (!name || h.name === name),
  );
  const keep: Record<string, string> = name ? { name } : {};
  return ok(opsPage(ctx, all, `/v1/teams/${team.teamId}/heartbeats`, (h) => ({ ...h }), keep));
}

function alerts(ctx: RequestContext): Reply {
  checkCloud(ctx);
  return ok(opsPage(ctx, ctx.state.dir.ops.alerts, "/v1/alerts", (a) => ({ ...a })));
}

function alert(ctx: RequestContext): Reply {
  checkCloud(ctx);
  const id = ctx.params.id;
  return ok({
    ...found(
      ctx.state.dir.ops.alerts.find((a) => a.id === id),
      "Alert",
      id,
    ),
  });
}

const base = "/jsm/ops/api/:cloudId/v1";

export const opsResourceRoutes: Route[] = [
  route("ops", "opsUser", "GET", `${base}/schedules`, schedules),
  route("ops", "opsUser", "GET", `${base}/schedules/:id`, (ctx) => ok(scheduleView(scheduleOf(ctx)))),
  route("ops", "opsUser", "GET", `${base}/schedules/:id/on-calls`, onCalls),
  route("ops", "opsUser", "GET", `${base}/teams/:teamId/escalations`, escalations),
  route("ops", "opsUser", "GET", `${base}/teams/:teamId/escalations/:id`, escalation),
  route("ops", "opsUser", "GET", `${base}/teams/:teamId/heartbeats`, heartbeats),
  route("ops", "opsUser", "GET", `${base}/alerts`, alerts),
  route("ops", "opsUser", "GET", `${base}/alerts/:id`, alert),
];
