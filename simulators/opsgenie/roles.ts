/**
 * Custom user roles (reference §5.2): `/v2/roles` lists custom roles only (built-ins never appear),
 * get/PUT/DELETE take `identifierType=id|name`, and updates are PUT, not PATCH. On a plan without custom
 * roles (the `customRolesRefused` anomaly) every call answers Opsgenie's 422 plan refusal.
 */
import { randomUUID } from "node:crypto";
import { optionalString, optionalStringArray, requiredString } from "../kit/field-checks.ts";
import { HttpError, type Json, ok, type Reply } from "../kit/reply.ts";
import { notFound, success } from "./envelope.ts";
import type { CustomRole, ExtendedRole } from "./model.ts";
import { type RequestContext, type Route, route } from "./route.ts";
import { identifierType } from "./team-lookup.ts";
import { bodyObject, fieldErrors } from "./validate.ts";

const EXTENDED: readonly ExtendedRole[] = ["user", "observer", "stakeholder"];
const RESERVED = ["owner", "admin", "user", "observer", "stakeholder"];

const roleView = (r: CustomRole): Json => ({
  id: r.id,
  name: r.name,
  extendedRole: r.extendedRole,
  grantedRights: r.grantedRights,
  disallowedRights: r.disallowedRights,
});

function requireRole(ctx: RequestContext): CustomRole {
  const role = ctx.state.dir.findRole(ctx.params.identifier ?? "", identifierType(ctx, "identifierType"));
  if (!role) throw notFound("Custom user role");
  return role;
}

function readRole(ctx: RequestContext, b: Json, current?: CustomRole): Omit<CustomRole, "id"> {
  const errs = fieldErrors();
  const name = current ? optionalString(b, "name", errs, 100) : requiredString(b, "name", errs, 100);
  if (name !== undefined && RESERVED.includes(name.toLowerCase()))
    errs.add("name", `'${name}' is a built-in role name`);
  const extended = optionalString(b, "extendedRole", errs);
  if (extended !== undefined && !EXTENDED.includes(extended as ExtendedRole)) {
    errs.add("extendedRole", `extendedRole must be one of ${EXTENDED.join(", ")}`);
  }
  const granted = optionalStringArray(b, "grantedRights", errs);
  const disallowed = optionalStringArray(b, "disallowedRights", errs);
  errs.throwIfAny();
  const finalName = name ?? current?.name;
  if (!finalName) throw new HttpError(422, "Request body is not processable.");
  const clash = ctx.state.dir.findRole(finalName, "name");
  if (clash && clash !== current)
    throw new HttpError(409, `Custom user role with name [${finalName}] already exists.`);
  return {
    name: finalName,
    extendedRole: (extended as ExtendedRole | undefined) ?? current?.extendedRole ?? "user",
    grantedRights: granted ?? current?.grantedRights ?? [],
    disallowedRights: disallowed ?? current?.disallowedRights ?? [],
  };
}

function listRoles(ctx: RequestContext): Reply {
  return ok({ data: [...ctx.state.dir.customRoles.values()].map(roleView) });
}

function getRole(ctx: RequestContext): Reply {
  return ok({ data: roleView(requireRole(ctx)) });
}

function createRole(ctx: RequestContext): Reply {
  const role: CustomRole = { id: randomUUID(), ...readRole(ctx, bodyObject(ctx.body)) };
  ctx.state.dir.addRole(role);
  return success("Created", { id: role.id, name: role.name }, 201);
}

function updateRole(ctx: RequestContext): Reply {
  const role = requireRole(ctx);
  ctx.state.dir.updateRole(role, readRole(ctx, bodyObject(ctx.body), role));
  return success("Updated", { id: role.id, name: role.name });
}

function deleteRole(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  const role = requireRole(ctx);
  // 428 is Opsgenie's "entity in use by another entity" status (reference §8).
  for (const user of dir.users.values()) {
    if (user.role.id === role.id)
      throw new HttpError(428, `Custom user role [${role.name}] is assigned to users.`);
  }
  dir.deleteRole(role);
  return success("Deleted");
}

/** The handler, refused with the plan's 422 when the account's plan has no custom roles. */
function planGated(handler: Route["handler"]): Route["handler"] {
  return (ctx) => {
    ctx.state.anomalies.assertCustomRoles();
    return handler(ctx);
  };
}

export const roleRoutes: Route[] = [
  route("GET", "/v2/roles", planGated(listRoles)),
  route("GET", "/v2/roles/:identifier", planGated(getRole)),
  route("POST", "/v2/roles", planGated(createRole)),
  route("PUT", "/v2/roles/:identifier", planGated(updateRole)),
  route("DELETE", "/v2/roles/:identifier", planGated(deleteRole)),
];
