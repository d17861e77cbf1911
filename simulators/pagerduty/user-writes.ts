/**
 * Users, write side (reference §1.2, §1.4): `POST /users` (account keys must name the acting user in `From`),
 * `PUT /users/{id}` and `DELETE /users/{id}`, with PagerDuty's body `{ "user": {...} }`, its validation
 * (all problems in one 400), unique e-mails, license seats and valid roles. The account owner can be neither
 * demoted nor deleted, and a user with open incidents cannot be deleted (400) [unverified wordings].
 */
import { bodyObject, FieldErrors, isEmail, optionalString, requiredString } from "../kit/field-checks.ts";
import { type Json, ok, type Reply } from "../kit/reply.ts";
import { actorOf } from "./auth.ts";
import type { Directory, UserPatch } from "./directory.ts";
import { abilityMissing, fromRequired, invalidInput } from "./errors.ts";
import { chooseLicense } from "./licenses.ts";
import { linksOf } from "./links.ts";
import type { User } from "./model.ts";
import { type RequestContext, type Route, route } from "./route.ts";
import { userView } from "./user-view.ts";
import { requireUser } from "./users.ts";
import { BASE_ROLES, type BaseRole, READ_ONLY_ROLES } from "./vocabulary.ts";

/** The time zone of a user created without one [unverified: PagerDuty uses the account's]. */
const DEFAULT_TIME_ZONE = "Etc/UTC";
const TIME_ZONES = new Set(Intl.supportedValuesOf("timeZone"));

/** Collects every field problem, then throws one 400 listing them all. */
const fieldErrors = (): FieldErrors => new FieldErrors((errors) => invalidInput(...Object.values(errors)));

/** The object under `member` of a `{ "<member>": {...} }` body, or a 400. */
export function wrapped(body: unknown, member: string): Json {
  const inner = bodyObject(body, () =>
    invalidInput(`The request body must be a JSON object with a '${member}'`),
  )[member];
  if (typeof inner !== "object" || inner === null || Array.isArray(inner))
    throw invalidInput(`${member[0]?.toUpperCase()}${member.slice(1)} must be an object`);
  return inner as Json;
}

/** The acting user of an account-level write: the `From` header must be the e-mail of a user of the account. */
function requireFrom(ctx: RequestContext): void {
  const from = ctx.headers.from;
  if (typeof from !== "string" || !ctx.state.dir.findUserByEmail(from.trim())) throw fromRequired();
}

/** The actor of a change made by `ctx`'s key. */
export function actorOfRequest(ctx: RequestContext) {
  const user = ctx.key.userId ? ctx.state.dir.users.get(ctx.key.userId) : undefined;
  return actorOf(ctx.key, user);
}

/** Reads and checks the user fields of `b`; `existing` is the user being updated (absent when creating). */
function readUserFields(dir: Directory, b: Json, errs: FieldErrors, existing?: User): UserPatch {
  const read = existing ? optionalString : requiredString;
  const name = read(b, "name", errs, 100);
  if (name !== undefined && name.trim() === "") errs.add("name", "Name can't be blank");
  const email = read(b, "email", errs, 100);
  if (email !== undefined) {
    const holder = dir.findUserByEmail(email);
    if (!isEmail(email)) errs.add("email", "Email is invalid");
    else if (holder && holder !== existing) errs.add("email", "Email has already been taken");
  }
  const role = optionalString(b, "role", errs);
  if (role !== undefined && !(BASE_ROLES as readonly string[]).includes(role))
    errs.add("role", `Role must be one of ${BASE_ROLES.join(", ")}`);
  else if (role === "owner" && existing?.role !== "owner")
    errs.add("role", "The owner role cannot be assigned");
  else if (existing?.role === "owner" && role !== undefined && role !== "owner")
    errs.add("role", "The account owner's role cannot be changed");
  const timeZone = optionalString(b, "time_zone", errs);
  if (timeZone !== undefined && !TIME_ZONES.has(timeZone))
    errs.add("time_zone", "Time zone is not a valid time zone");
  const license = b.license as Json | undefined | null;
  if (license !== undefined && license !== null && typeof license?.id !== "string")
    errs.add("license", "License must be a license_reference with an id");
  return {
    name,
    email,
    role: role as BaseRole | undefined,
    timeZone,
    jobTitle: optionalString(b, "job_title", errs, 100),
    description: b.description === null ? null : optionalString(b, "description", errs),
    color: optionalString(b, "color", errs),
    licenseId: typeof license?.id === "string" ? license.id : undefined,
  };
}

function assertRoleAbility(dir: Directory, role: BaseRole): void {
  if (READ_ONLY_ROLES.includes(role) && !dir.abilities.has("read_only_users"))
    throw abilityMissing("read_only_users");
}

function createUser(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  if (ctx.key.level === "account") requireFrom(ctx);
  const errs = fieldErrors();
  const fields = readUserFields(dir, wrapped(ctx.body, "user"), errs);
  errs.throwIfAny();
  const role = fields.role ?? "user";
  assertRoleAbility(dir, role);
  const license = chooseLicense(dir, role, fields.licenseId);
  const email = fields.email as string;
  const user: User = {
    id: dir.ids.next(),
    name: fields.name as string,
    email,
    timeZone: fields.timeZone ?? DEFAULT_TIME_ZONE,
    color: fields.color ?? "green",
    role,
    jobTitle: fields.jobTitle ?? null,
    description: fields.description ?? null,
    // A new user is invited by e-mail and gets the e-mail contact method and rule PagerDuty creates.
    invitationSent: true,
    createdViaSso: false,
    contactMethods: [
      {
        id: dir.ids.next(),
        type: "email_contact_method",
        label: "Default",
        address: email,
        ruleId: dir.ids.next(),
        ruleDelayMinutes: 0,
      },
    ],
    licenseId: license.id,
    allocatedAt: new Date().toISOString(),
  };
  dir.createUser(user, actorOfRequest(ctx));
  return ok({ user: userView(linksOf(ctx), dir, user, new Set()) }, 201);
}

function updateUser(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  const user = requireUser(ctx);
  const errs = fieldErrors();
  const fields = readUserFields(dir, wrapped(ctx.body, "user"), errs, user);
  errs.throwIfAny();
  const role = fields.role ?? user.role;
  if (fields.role !== undefined) assertRoleAbility(dir, role);
  if (fields.role !== undefined || fields.licenseId !== undefined) {
    const license = chooseLicense(dir, role, fields.licenseId, user);
    fields.licenseId = license.id;
    if (license.id !== user.licenseId) fields.allocatedAt = new Date().toISOString();
  }
  dir.updateUser(user, fields, actorOfRequest(ctx));
  return ok({ user: userView(linksOf(ctx), dir, user, new Set()) });
}

function deleteUser(ctx: RequestContext): Reply {
  const user = requireUser(ctx);
  if (user.role === "owner") throw invalidInput("The account owner cannot be deleted");
  if (ctx.state.ops.hasOpenIncidents(user.id))
    throw invalidInput("The user cannot be deleted while they have assigned incidents");
  ctx.state.dir.deleteUser(user, actorOfRequest(ctx));
  return { status: 204, body: {} };
}

export const userWriteRoutes: Route[] = [
  route("POST", "/users", createUser),
  route("PUT", "/users/:id", updateUser),
  route("DELETE", "/users/:id", deleteUser),
];
