/**
 * PagerDuty's own control operations, beside the kit's (stats, faults, rate limits, keys): revoke a key,
 * toggle abilities, reset the account to its seed, and seed changes as if an admin made them in the web UI
 * (audited as the owner, `browser` method) so sync tests can watch users and teams appear, change and vanish.
 * The same operations are methods on the simulator handle and endpoints under `/__sim/`.
 */
import type { ControlReply } from "../kit/control.ts";
import { drawPerson } from "../kit/people-generator.ts";
import { createRng, hashSeed } from "../kit/rng.ts";
import { Router } from "../kit/router.ts";
import type { Actor } from "./audit.ts";
import type { Directory } from "./directory.ts";
import { chooseLicense } from "./licenses.ts";
import type { Team, User } from "./model.ts";
import type { SimState } from "./route.ts";
import { BASE_ROLES, type BaseRole, TEAM_ROLES, type TeamRole } from "./vocabulary.ts";

/** A user to add; what is missing is generated (name and e-mail from the seeded name lists). */
export interface NewUser {
  name?: string;
  email?: string;
  /** Default "limited_user" (a responder). */
  role?: BaseRole;
  job_title?: string;
  time_zone?: string;
}

/** A team to add, optionally with members (`role` default "responder"). */
export interface NewTeam {
  name?: string;
  description?: string;
  members?: { user_id: string; role?: TeamRole }[];
}

/** Changes to the account made outside the API, and the account's switches. */
export interface SimChanges {
  /** Adds a user (audited as a web-UI change); throws on an invalid or taken e-mail or role. */
  addUser(input?: NewUser): User;
  /** Changes a user's name, e-mail, role, job title or time zone; undefined when there is no such user. */
  updateUser(id: string, input: NewUser): User | undefined;
  /** Deletes a user (whatever their incidents); false when there is no such user. */
  removeUser(id: string): boolean;
  addTeam(input?: NewTeam): Team;
  /** Deletes a team (whatever uses it); false when there is no such team. */
  removeTeam(id: string): boolean;
  /** Adds a member or changes their role; false when the team or user does not exist. */
  setMember(teamId: string, userId: string, role?: TeamRole): boolean;
  /** false when the team or user does not exist or the user was not a member. */
  removeMember(teamId: string, userId: string): boolean;
  /** Replaces the account's abilities (e.g. drop "teams" to see 402s). */
  setAbilities(abilities: readonly string[]): string[];
  /** Revokes a key: from now on it answers 401. false when unknown or already revoked. */
  revokeKey(key: string): boolean;
  /** The directory, operational data and keys as the seed made them; stats cleared. */
  reset(): void;
}

function browserActor(dir: Directory): Actor {
  const owner = [...dir.users.values()].find((u) => u.role === "owner");
  return {
    ref: { id: owner?.id ?? "PUNKNWN", type: "user_reference", summary: owner?.name ?? "Account Owner" },
    method: { type: "browser" },
  };
}

function checkRole(role: string): BaseRole {
  if (!(BASE_ROLES as readonly string[]).includes(role))
    throw new Error(`role must be one of ${BASE_ROLES.join(", ")}`);
  return role as BaseRole;
}

function checkTeamRole(role: string): TeamRole {
  if (!(TEAM_ROLES as readonly string[]).includes(role))
    throw new Error(`role must be one of ${TEAM_ROLES.join(", ")}`);
  return role as TeamRole;
}

/** The changes of one simulator; `restart` rebuilds the seeded state (and clears stats). */
export function createChanges(state: SimState, seed: number, restart: () => void): SimChanges {
  const rng = createRng(hashSeed(seed, "control"));
  const dir = (): Directory => state.dir;
  const freeEmail = (email: string, self?: User): void => {
    const holder = dir().findUserByEmail(email);
    if (holder && holder !== self) throw new Error(`email ${email} is already taken`);
  };
  return {
    addUser(input = {}) {
      const d = dir();
      const person = drawPerson(rng, new Set([...d.users.values()].map((u) => u.email.toLowerCase())));
      const email = input.email ?? person.email;
      freeEmail(email);
      const role = checkRole(input.role ?? "limited_user");
      const license = chooseLicense(d, role);
      const user: User = {
        id: d.ids.next(),
        name: input.name ?? person.fullName,
        email,
        timeZone: input.time_zone ?? "Etc/UTC",
        color: "green",
        role,
        jobTitle: input.job_title ?? null,
        description: null,
        invitationSent: true,
        createdViaSso: false,
        contactMethods: [
          {
            id: d.ids.next(),
            type: "email_contact_method",
            label: "Default",
            address: email,
            ruleId: d.ids.next(),
            ruleDelayMinutes: 0,
          },
        ],
        licenseId: license.id,
        allocatedAt: new Date().toISOString(),
      };
      d.createUser(user, browserActor(d));
      return user;
    },
    updateUser(id, input) {
      const d = dir();
      const user = d.users.get(id);
      if (!user) return undefined;
      if (input.email !== undefined) freeEmail(input.email, user);
      const role = input.role === undefined ? undefined : checkRole(input.role);
      const license = role === undefined ? undefined : chooseLicense(d, role, undefined, user);
      d.updateUser(
        user,
        {
          name: input.name,
          email: input.email,
          role,
          licenseId: license?.id,
          jobTitle: input.job_title,
          timeZone: input.time_zone,
        },
        browserActor(d),
      );
      return user;
    },
    removeUser(id) {
      const d = dir();
      const user = d.users.get(id);
      if (!user) return false;
      d.deleteUser(user, browserActor(d));
      return true;
    },
    addTeam(input = {}) {
      const d = dir();
      const name = input.name ?? `Team ${d.teams.size + 1}`;
      const team: Team = {
        id: d.ids.next(),
        name,
        description: input.description ?? "",
        defaultRole: "manager",
        members: new Map(),
      };
      const members = (input.members ?? []).map((m) => {
        const user = d.users.get(m.user_id);
        if (!user) throw new Error(`no user ${m.user_id}`);
        return { user, role: checkTeamRole(m.role ?? "responder") };
      });
      d.createTeam(team, browserActor(d));
      for (const m of members) d.setMember(team, m.user, m.role, browserActor(d));
      return team;
    },
    removeTeam(id) {
      const d = dir();
      const team = d.teams.get(id);
      if (!team) return false;
      d.deleteTeam(team, browserActor(d));
      return true;
    },
    setMember(teamId, userId, role = "responder") {
      const d = dir();
      const team = d.teams.get(teamId);
      const user = d.users.get(userId);
      if (!team || !user) return false;
      d.setMember(team, user, checkTeamRole(role), browserActor(d));
      return true;
    },
    removeMember(teamId, userId) {
      const d = dir();
      const team = d.teams.get(teamId);
      const user = d.users.get(userId);
      return !!team && !!user && d.removeMember(team, user, browserActor(d));
    },
    setAbilities(abilities) {
      const d = dir();
      d.abilities.clear();
      for (const a of abilities) d.abilities.add(a);
      return [...d.abilities];
    },
    revokeKey: (key) => state.keys.revoke(key),
    reset: restart,
  };
}

interface ControlRoute {
  method: string;
  template: string;
  handle(params: Record<string, string>, body: Record<string, unknown>): ControlReply;
}

const notFound = (what: string): ControlReply => ({ status: 404, body: { message: `No such ${what}` } });

/** The `/__sim/...` endpoints of the changes; an Error thrown by a change answers 400 (the kit's handler). */
export function changeEndpoints(
  changes: SimChanges,
): (method: string, path: string, body: unknown) => ControlReply | undefined {
  const idOf = (x: { id: string; name: string }) => ({ id: x.id, name: x.name });
  const routes: ControlRoute[] = [
    {
      method: "POST",
      template: "/__sim/reset",
      handle: () => {
        changes.reset();
        return { status: 200, body: { result: "Reset" } };
      },
    },
    {
      method: "POST",
      template: "/__sim/keys/revoke",
      handle: (_, b) =>
        changes.revokeKey(String(b.key)) ? { status: 200, body: { revoked: b.key } } : notFound("active key"),
    },
    {
      method: "PUT",
      template: "/__sim/abilities",
      handle: (_, b) => {
        if (!Array.isArray(b.abilities) || b.abilities.some((a) => typeof a !== "string"))
          throw new Error("abilities must be an array of strings");
        return { status: 200, body: { abilities: changes.setAbilities(b.abilities as string[]) } };
      },
    },
    {
      method: "POST",
      template: "/__sim/users",
      handle: (_, b) => ({ status: 201, body: idOf(changes.addUser(b as NewUser)) }),
    },
    {
      method: "PATCH",
      template: "/__sim/users/:id",
      handle: (p, b) => {
        const user = changes.updateUser(p.id ?? "", b as NewUser);
        return user ? { status: 200, body: idOf(user) } : notFound("user");
      },
    },
    {
      method: "DELETE",
      template: "/__sim/users/:id",
      handle: (p) =>
        changes.removeUser(p.id ?? "") ? { status: 200, body: { id: p.id } } : notFound("user"),
    },
    {
      method: "POST",
      template: "/__sim/teams",
      handle: (_, b) => ({ status: 201, body: idOf(changes.addTeam(b as NewTeam)) }),
    },
    {
      method: "DELETE",
      template: "/__sim/teams/:id",
      handle: (p) =>
        changes.removeTeam(p.id ?? "") ? { status: 200, body: { id: p.id } } : notFound("team"),
    },
    {
      method: "PUT",
      template: "/__sim/teams/:id/members/:userId",
      handle: (p, b) =>
        changes.setMember(p.id ?? "", p.userId ?? "", b.role as TeamRole | undefined)
          ? { status: 200, body: { team_id: p.id, user_id: p.userId } }
          : notFound("team or user"),
    },
    {
      method: "DELETE",
      template: "/__sim/teams/:id/members/:userId",
      handle: (p) =>
        changes.removeMember(p.id ?? "", p.userId ?? "")
          ? { status: 200, body: { team_id: p.id, user_id: p.userId } }
          : notFound("team member"),
    },
  ];
  const router = new Router(routes);
  return (method, path, body) => {
    const matched = router.match(method, path);
    if (!matched || "methodNotAllowed" in matched) return undefined;
    const b =
      typeof body === "object" && body !== null && !Array.isArray(body)
        ? (body as Record<string, unknown>)
        : {};
    return matched.route.handle(matched.params, b);
  };
}
