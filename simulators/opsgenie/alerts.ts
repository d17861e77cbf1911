/**
 * Alerts (reference §9): offset-paged list (search domain), get by id|alias|tiny, and asynchronous
 * create — 202 "Request will be processed", with the outcome readable at /v2/alerts/requests/{requestId}.
 */
import { randomUUID } from "node:crypto";
import { optionalString, optionalStringArray, requiredString } from "../kit/field-checks.ts";
import { HttpError, type Json, ok, type Reply } from "../kit/reply.ts";
import { notFound } from "./envelope.ts";
import { queryList } from "./query-list.ts";
import { type RequestContext, type Route, route } from "./route.ts";
import { bodyObject, fieldErrors } from "./validate.ts";

const processed = new WeakMap<object, Map<string, Json>>();

/** List items are BaseAlert: no description, details, actions or entity. */
function listView(a: Json): Json {
  const { description: _d, details: _x, actions: _a, entity: _e, ownerTeamId: _o, ...rest } = a;
  return rest;
}

function fullView(a: Json): Json {
  const { ownerTeamId: _o, ...rest } = a;
  return { description: "", details: {}, actions: [], entity: "", ...rest };
}

function findAlert(ctx: RequestContext): Json {
  const type = ctx.query.get("identifierType") ?? "id";
  const field = type === "tiny" ? "tinyId" : type === "alias" ? "alias" : type === "id" ? "id" : undefined;
  if (!field)
    throw new HttpError(422, "Invalid identifierType", {
      errors: { identifierType: "must be one of id, alias, tiny" },
    });
  const alert = ctx.state.ops.alerts.find((a) => a[field] === ctx.params.identifier);
  if (!alert) throw notFound("Alert");
  return alert;
}

function createAlert(ctx: RequestContext): Reply {
  const { ops } = ctx.state;
  const b = bodyObject(ctx.body);
  const errs = fieldErrors();
  const message = requiredString(b, "message", errs, 130);
  const alias = optionalString(b, "alias", errs, 512);
  const description = optionalString(b, "description", errs, 15000);
  const tags = optionalStringArray(b, "tags", errs);
  const priority = optionalString(b, "priority", errs);
  if (priority !== undefined && !/^P[1-5]$/.test(priority))
    errs.add("priority", "priority must be one of P1..P5");
  errs.throwIfAny();
  const now = new Date().toISOString();
  const alert: Json = {
    id: randomUUID(),
    tinyId: String(ops.alerts.length + 1),
    alias: alias ?? randomUUID(),
    message,
    status: "open",
    acknowledged: false,
    isSeen: false,
    tags: tags ?? [],
    snoozed: false,
    count: 1,
    lastOccurredAt: now,
    createdAt: now,
    updatedAt: now,
    source: typeof b.source === "string" ? b.source : "",
    owner: "",
    priority: priority ?? "P3",
    responders: Array.isArray(b.responders) ? b.responders : [],
    integration: { id: "", name: "Default API", type: "API" },
    report: {},
    description: description ?? "",
    details: typeof b.details === "object" && b.details !== null ? b.details : {},
    actions: Array.isArray(b.actions) ? b.actions : [],
    entity: typeof b.entity === "string" ? b.entity : "",
  };
  ops.alerts.push(alert);
  const requests = processed.get(ops) ?? new Map<string, Json>();
  processed.set(ops, requests);
  requests.set(ctx.requestId, {
    success: true,
    action: "Create",
    processedAt: now,
    integrationId: "",
    isSuccess: true,
    status: "Created alert",
    alertId: alert.id,
    alias: alert.alias,
  });
  return { status: 202, body: { result: "Request will be processed" } };
}

function requestStatus(ctx: RequestContext): Reply {
  const status = processed.get(ctx.state.ops)?.get(ctx.params.requestId ?? "");
  if (!status) {
    throw new HttpError(
      404,
      "Request not found. It might not be processed, yet.",
      {},
      { "X-Opsgenie-Errortype": "RequestNotProcessed" },
    );
  }
  return ok({ data: status });
}

const flags = { domain: "alert", config: false, accountLevel: false } as const;

export const alertRoutes: Route[] = [
  route("GET", "/v2/alerts", (ctx) => queryList(ctx, ctx.state.ops.alerts, "/v2/alerts", listView), {
    ...flags,
    domain: "search",
  }),
  route("GET", "/v2/alerts/requests/:requestId", requestStatus, flags),
  route("GET", "/v2/alerts/:identifier", (ctx) => ok({ data: fullView(findAlert(ctx)) }), flags),
  route("POST", "/v2/alerts", createAlert, { ...flags, integrationOnly: true }),
];
