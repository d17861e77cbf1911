/**
 * Users, write side (reference §3.3–§3.5): create (201 "Created"), partial PATCH ("Updated") and
 * DELETE ("Deleted"). The Owner is unique: it cannot be assigned, and the owner cannot be deleted.
 */
import { randomUUID } from "node:crypto";
import {
  type FieldErrors,
  isEmail,
  optionalString,
  optionalStringArray,
  requiredString,
} from "../kit/field-checks.ts";
import { HttpError, type Json, type Reply } from "../kit/reply.ts";
import type { Directory } from "./directory.ts";
import { success } from "./envelope.ts";
import type { RoleRef, User, UserAddress } from "./model.ts";
import { type RequestContext, type Route, route } from "./route.ts";
import { requireUser } from "./users.ts";
import { bodyObject, fieldErrors } from "./validate.ts";

const ASSIGNABLE: Record<string, RoleRef> = {
  admin: { id: "Admin", name: "Admin" },
  user: { id: "User", name: "User" },
  stakeholder: { id: "Stakeholder", name: "Stakeholder" },
  observer: { id: "Observer", name: "Observer" },
};

function readRole(dir: Directory, b: Json, errs: FieldErrors, required: boolean): RoleRef | undefined {
  const raw = b.role;
  if (raw === undefined || raw === null) {
    if (required) errs.add("role", "role is required");
    return undefined;
  }
  const name = typeof raw === "object" ? (raw as Json).name : undefined;
  if (typeof name !== "string" || name.trim() === "") {
    errs.add("role", "role must be an object with a name");
    return undefined;
  }
  const lower = name.toLowerCase();
  if (lower === "owner") {
    errs.add("role", "Owner role cannot be assigned; an account has exactly one owner");
    return undefined;
  }
  const builtIn = ASSIGNABLE[lower];
  if (builtIn) return builtIn;
  const custom = dir.findRole(name, "name");
  if (custom) return { id: custom.id, name: custom.name };
  errs.add("role", `Role '${name}' does not exist`);
  return undefined;
}

function readUsername(b: Json, errs: FieldErrors, required: boolean): string | undefined {
  const username = required
    ? requiredString(b, "username", errs, 100)
    : optionalString(b, "username", errs, 100);
  if (username !== undefined && !isEmail(username))
    errs.add("username", "username must be a valid e-mail address");
  return username?.toLowerCase();
}

function readAddress(b: Json, errs: FieldErrors): UserAddress | undefined {
  const a = b.userAddress;
  if (a === undefined || a === null) return undefined;
  if (typeof a !== "object" || Array.isArray(a)) {
    errs.add("userAddress", "userAddress must be an object");
    return undefined;
  }
  const src = a as Json;
  const part = (k: string): string => (typeof src[k] === "string" ? (src[k] as string) : "");
  return {
    country: part("country"),
    state: part("state"),
    city: part("city"),
    line: part("line"),
    zipCode: part("zipCode"),
  };
}

function readDetails(b: Json, errs: FieldErrors): Record<string, string[]> | undefined {
  const d = b.details;
  if (d === undefined || d === null) return undefined;
  const valid =
    typeof d === "object" &&
    !Array.isArray(d) &&
    Object.values(d).every((v) => Array.isArray(v) && v.every((x) => typeof x === "string"));
  if (!valid) {
    errs.add("details", "details must map keys to arrays of strings");
    return undefined;
  }
  return d as Record<string, string[]>;
}

/** Shared optional fields of create and update. */
function readOptional(b: Json, errs: FieldErrors): Partial<User> {
  const out: Partial<User> = {};
  const skype = optionalString(b, "skypeUsername", errs);
  if (skype !== undefined) out.skypeUsername = skype;
  const timeZone = optionalString(b, "timeZone", errs);
  if (timeZone !== undefined) out.timeZone = timeZone;
  const locale = optionalString(b, "locale", errs);
  if (locale !== undefined) out.locale = locale;
  const address = readAddress(b, errs);
  if (address) out.userAddress = address;
  const tags = optionalStringArray(b, "tags", errs);
  if (tags) out.tags = tags;
  const details = readDetails(b, errs);
  if (details) out.details = details;
  return out;
}

function createUser(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  const b = bodyObject(ctx.body);
  const errs = fieldErrors();
  const username = readUsername(b, errs, true);
  const fullName = requiredString(b, "fullName", errs, 512);
  const role = readRole(dir, b, errs, true);
  const optional = readOptional(b, errs);
  errs.throwIfAny();
  if (!username || !fullName || !role) throw new HttpError(422, "Request body is not processable.");
  if (dir.hasUsername(username)) throw new HttpError(409, `User with username [${username}] already exists.`);
  if (dir.userCount >= dir.plan.maxUserCount) {
    throw new HttpError(402, `Your plan allows at most ${dir.plan.maxUserCount} users.`);
  }
  const user: User = {
    id: randomUUID(),
    username,
    fullName,
    role,
    timeZone: "America/New_York",
    locale: "en_US",
    userAddress: { country: "", state: "", city: "", line: "", zipCode: "" },
    tags: [],
    details: {},
    blocked: false,
    // A fresh user has not accepted the invitation yet.
    verified: false,
    createdAt: new Date().toISOString(),
    contacts: [{ id: randomUUID(), method: "email", to: username, enabled: true, applyOrder: 0 }],
    ...optional,
  };
  dir.addUser(user);
  return success("Created", { id: user.id, name: user.username }, 201);
}

function updateUser(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  const user = requireUser(ctx);
  const b = bodyObject(ctx.body);
  const errs = fieldErrors();
  const patch = readOptional(b, errs);
  const username = readUsername(b, errs, false);
  const fullName = optionalString(b, "fullName", errs, 512);
  if (fullName !== undefined && fullName.trim() === "") errs.add("fullName", "fullName must not be empty");
  // The owner keeps the Owner role: re-sending it must not fail, but nobody else can take it.
  const ownerKeepsRole =
    user.role.id === "Owner" && String((b.role as Json | undefined)?.name).toLowerCase() === "owner";
  const role = ownerKeepsRole ? undefined : readRole(dir, b, errs, false);
  if (role && user.role.id === "Owner") errs.add("role", "The owner's role cannot be changed");
  errs.throwIfAny();
  if (username && username !== user.username && dir.hasUsername(username)) {
    throw new HttpError(409, `User with username [${username}] already exists.`);
  }
  if (username) patch.username = username;
  if (fullName) patch.fullName = fullName;
  if (role) patch.role = role;
  dir.updateUser(user, patch);
  return success("Updated");
}

function deleteUser(ctx: RequestContext): Reply {
  const user = requireUser(ctx);
  if (user.role.id === "Owner") throw new HttpError(422, "The owner of the account cannot be deleted.");
  ctx.state.dir.deleteUser(user);
  return success("Deleted");
}

export const userWriteRoutes: Route[] = [
  route("POST", "/v2/users", createUser),
  route("PATCH", "/v2/users/:identifier", updateUser),
  route("DELETE", "/v2/users/:identifier", deleteUser),
];
