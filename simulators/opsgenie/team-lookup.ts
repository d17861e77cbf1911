/** Resolving a team or user reference the way the team endpoints accept them. */
import { HttpError, type Json } from "../kit/reply.ts";
import { notFound } from "./envelope.ts";
import type { Team, User } from "./model.ts";
import type { RequestContext } from "./route.ts";

/** Reads an `id|name` identifier type (default id); anything else is a 422 like Opsgenie's enum check. */
export function identifierType(ctx: RequestContext, param: string): "id" | "name" {
  const value = ctx.query.get(param) ?? "id";
  if (value !== "id" && value !== "name") {
    throw new HttpError(422, `Invalid ${param}`, { errors: { [param]: "must be one of id, name" } });
  }
  return value;
}

export function requireTeam(ctx: RequestContext, typeParam: "identifierType" | "teamIdentifierType"): Team {
  const team = ctx.state.dir.findTeam(ctx.params.identifier ?? "", identifierType(ctx, typeParam));
  if (!team || ctx.state.anomalies.teamVanished(team.id)) throw notFound("Team");
  return team;
}

/** A `{"id": ...}` or `{"username": ...}` user reference; undefined if it names nobody. */
export function resolveUserRef(ctx: RequestContext, ref: unknown): User | undefined {
  if (typeof ref !== "object" || ref === null) return undefined;
  const r = ref as Json;
  if (typeof r.id === "string") return ctx.state.dir.users.get(r.id);
  if (typeof r.username === "string") return ctx.state.dir.findUser(r.username);
  return undefined;
}

/** A member role must be `admin`, `user` or one of the team's custom team roles (matched by name). */
export function resolveMemberRole(team: Pick<Team, "roles">, role: unknown): string | undefined {
  if (role === undefined || role === null) return "user";
  if (typeof role !== "string") return undefined;
  const lower = role.toLowerCase();
  if (lower === "admin" || lower === "user") return lower;
  return team.roles.find((r) => r.name.toLowerCase() === lower)?.name;
}
