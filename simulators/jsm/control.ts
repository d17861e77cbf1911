/**
 * JSM's own control operations beside the kit's (stats, faults, rate limits, keys), as an admin would make
 * them in Atlassian's UIs, so sync tests can watch accounts and teams appear, change and vanish. The same
 * operations are methods on the simulator handle and endpoints under `/__sim/`:
 * `POST /__sim/reset`, `POST|PATCH|DELETE /__sim/users[/{accountId}]`, `POST|PATCH|DELETE /__sim/teams[/{teamId}]`,
 * `PUT|DELETE /__sim/teams/{teamId}/members/{accountId}`, `POST /__sim/tokens/revoke {token}`,
 * `PUT /__sim/site {available}`.
 */
import type { ControlReply } from "../kit/control.ts";
import { drawPerson } from "../kit/people-generator.ts";
import { createRng, hashSeed } from "../kit/rng.ts";
import { DEFAULT_MANAGED_DOMAIN } from "./directory-builder.ts";
import type { Account, Team } from "./model.ts";
import type { SimState } from "./route.ts";

/** An account to add (missing fields generated: a visible e-mail, an active JSM agent). */
export interface NewUser {
  name?: string;
  email?: string;
  agent?: boolean;
  active?: boolean;
  emailVisible?: boolean;
  /** Default: whether the e-mail is on the managed domain. */
  managed?: boolean;
}

/** A team to add (default: ops-enabled, no members). */
export interface NewTeam {
  name?: string;
  description?: string;
  ops?: boolean;
  memberIds?: string[];
}

/** Changes made outside the APIs, and the site's switches. */
export interface SimChanges {
  addUser(input?: NewUser): Account;
  /** Renames or changes an account; undefined when unknown. */
  updateUser(accountId: string, input: NewUser): Account | undefined;
  /** Deletes an account and its memberships; false when unknown. */
  removeUser(accountId: string): boolean;
  /** Throws on an unknown member id. */
  addTeam(input?: NewTeam): Team;
  /** Renames a team, changes its description or enables/disables Operations; undefined when unknown. */
  updateTeam(teamId: string, input: NewTeam): Team | undefined;
  /** Deletes a team: the Teams API answers 410 for it from now on; false when unknown. */
  removeTeam(teamId: string): boolean;
  /** Adds a member (at the end); false when the team or account is unknown or already a member. */
  addMember(teamId: string, accountId: string): boolean;
  removeMember(teamId: string, accountId: string): boolean;
  /** The token answers 401 from now on; false when it is not a caller's token or already revoked. */
  revokeToken(token: string): boolean;
  /** false: the site is gone (every site path 404s, `tenant_info` included). */
  setSiteAvailable(available: boolean): void;
  /** The directory as the seed made it, the site back, stats cleared. */
  reset(): void;
}

/** The changes of one simulator; `restart` rebuilds the seeded state. */
export function createChanges(state: SimState, seed: number, restart: () => void): SimChanges {
  const rng = createRng(hashSeed(seed, "jsm-control"));
  const apply = (a: Account, input: NewUser): void => {
    if (input.email !== undefined) {
      const holder = state.dir.findByEmail(input.email);
      if (holder && holder !== a) throw new Error(`email ${input.email} is already taken`);
      a.email = input.email;
    }
    if (input.name !== undefined) a.displayName = input.name;
    if (input.agent !== undefined) a.agent = input.agent;
    if (input.active !== undefined) a.active = input.active;
    if (input.emailVisible !== undefined) a.emailVisible = input.emailVisible;
    if (input.managed !== undefined) a.managed = input.managed;
  };
  return {
    addUser(input = {}) {
      const taken = new Set(state.dir.list().flatMap((a) => (a.email ? [a.email.toLowerCase()] : [])));
      const p = drawPerson(rng, taken);
      const email = input.email ?? p.email;
      const account: Account = {
        accountId: `557058:${rng.uuid()}`,
        accountType: "atlassian",
        displayName: p.fullName,
        email: null,
        emailVisible: true,
        managed: email.toLowerCase().endsWith(`@${DEFAULT_MANAGED_DOMAIN}`),
        active: true,
        erased: false,
        agent: true,
        timeZone: "Europe/Berlin",
        locale: "en_US",
      };
      apply(account, { ...input, email });
      state.dir.accounts.set(account.accountId, account);
      return account;
    },
    updateUser(accountId, input) {
      const a = state.dir.accounts.get(accountId);
      if (a) apply(a, input);
      return a;
    },
    removeUser: (accountId) => state.dir.removeAccount(accountId),
    addTeam(input = {}) {
      for (const id of input.memberIds ?? [])
        if (!state.dir.accounts.has(id)) throw new Error(`no account ${id}`);
      const team: Team = {
        teamId: rng.uuid(),
        displayName: input.name ?? `Team ${state.dir.teams.size + 1}`,
        description: input.description ?? "",
        ops: input.ops ?? true,
        members: [...new Set(input.memberIds ?? [])],
      };
      state.dir.teams.set(team.teamId, team);
      return team;
    },
    updateTeam(teamId, input) {
      const t = state.dir.teams.get(teamId);
      if (!t) return undefined;
      if (input.name !== undefined) t.displayName = input.name;
      if (input.description !== undefined) t.description = input.description;
      if (input.ops !== undefined) t.ops = input.ops;
      return t;
    },
    removeTeam: (teamId) => state.dir.removeTeam(teamId),
    addMember(teamId, accountId) {
      const t = state.dir.teams.get(teamId);
      if (!t || !state.dir.accounts.has(accountId) || t.members.includes(accountId)) return false;
      t.members.push(accountId);
      return true;
    },
    removeMember(teamId, accountId) {
      const t = state.dir.teams.get(teamId);
      if (!t?.members.includes(accountId)) return false;
      t.members = t.members.filter((m) => m !== accountId);
      return true;
    },
    revokeToken(token) {
      if (!state.dir.callers.has(token) || state.dir.revokedTokens.has(token)) return false;
      state.dir.revokedTokens.add(token);
      return true;
    },
    setSiteAvailable(available) {
      state.siteAvailable = available;
    },
    reset: restart,
  };
}

const done = (body: unknown, status = 200): ControlReply => ({ status, body });
const missing = (what: string): ControlReply => ({ status: 404, body: { message: `No ${what}` } });

/** The `/__sim/...` endpoints of `changes` (see the file comment); undefined for other paths. */
export function changeEndpoints(
  changes: SimChanges,
): (method: string, path: string, body: unknown) => ControlReply | undefined {
  return (method, path, raw) => {
    const body = (raw ?? {}) as Record<string, unknown>;
    const parts = path.split("/").slice(2).map(decodeURIComponent);
    const [head, id, sub, memberId] = parts;
    const route = `${method} ${head}${id === undefined ? "" : "/:id"}${sub === undefined ? "" : `/${sub}`}${memberId === undefined ? "" : "/:member"}`;
    switch (route) {
      case "POST reset":
        changes.reset();
        return done({ result: "Reset" });
      case "POST users":
        return done(changes.addUser(body as NewUser), 201);
      case "PATCH users/:id": {
        const a = changes.updateUser(id as string, body as NewUser);
        return a ? done(a) : missing(`account ${id}`);
      }
      case "DELETE users/:id":
        return changes.removeUser(id as string) ? done({ result: "Deleted" }) : missing(`account ${id}`);
      case "POST teams":
        return done(changes.addTeam(body as NewTeam), 201);
      case "PATCH teams/:id": {
        const t = changes.updateTeam(id as string, body as NewTeam);
        return t ? done(t) : missing(`team ${id}`);
      }
      case "DELETE teams/:id":
        return changes.removeTeam(id as string) ? done({ result: "Deleted" }) : missing(`team ${id}`);
      case "PUT teams/:id/members/:member":
        return changes.addMember(id as string, memberId as string)
          ? done({ result: "Added" })
          : missing(`team ${id}, account ${memberId} or it is already a member`);
      case "DELETE teams/:id/members/:member":
        return changes.removeMember(id as string, memberId as string)
          ? done({ result: "Removed" })
          : missing(`membership of ${memberId} in ${id}`);
      case "POST tokens/:id":
        if (id !== "revoke") return undefined;
        if (typeof body.token !== "string") throw new Error("token must be a string");
        return changes.revokeToken(body.token) ? done({ result: "Revoked" }) : missing("such active token");
      case "PUT site":
        if (typeof body.available !== "boolean") throw new Error("available must be a boolean");
        changes.setSiteAvailable(body.available);
        return done({ available: body.available });
      default:
        return undefined;
    }
  };
}
