/**
 * The live account: users, teams, licenses and abilities, with the indexes that keep a request O(page)
 * (e-mail lookup, user -> teams, seats in use per license, name orders cached until the next write). Every
 * change goes through a method here, which also writes its audit record, so indexes and the audit trail can
 * never disagree with the data.
 */
import { type Actor, AuditLog, type FieldChange, type ResourceRef } from "./audit.ts";
import type { IdMint } from "./ids.ts";
import type { License, Team, User } from "./model.ts";
import type { TeamRole } from "./vocabulary.ts";

/** The user fields a change may set, with their API names (for audit records). */
const USER_FIELDS = {
  name: "name",
  email: "email",
  role: "role",
  timeZone: "time_zone",
  jobTitle: "job_title",
  description: "description",
  color: "color",
  licenseId: "license",
} as const;
/** What a user update may change. */
export type UserPatch = Partial<Pick<User, keyof typeof USER_FIELDS | "allocatedAt">>;

const TEAM_FIELDS = { name: "name", description: "description", defaultRole: "default_role" } as const;
/** What a team update may change. */
export type TeamPatch = Partial<Pick<Team, keyof typeof TEAM_FIELDS>>;

const byName = <T extends { name: string; id: string }>(a: T, b: T): number => {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

/** `patch` without its undefined members, so Object.assign cannot blank a field. */
function defined<T extends object>(patch: T): T {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as T;
}

const userRef = (u: User): ResourceRef => ({ id: u.id, type: "user_reference", summary: u.name });
const teamRef = (t: Team): ResourceRef => ({ id: t.id, type: "team_reference", summary: t.name });

export class Directory {
  readonly users = new Map<string, User>();
  readonly teams = new Map<string, Team>();
  readonly licenses = new Map<string, License>();
  readonly abilities: Set<string>;
  readonly audit: AuditLog;
  private readonly byEmail = new Map<string, User>();
  private readonly memberships = new Map<string, Set<string>>();
  private readonly allocated = new Map<string, number>();
  private userOrder: User[] | undefined;
  private teamOrder: Team[] | undefined;

  /**
   * `webUrl` is the account's web app origin (`https://<subdomain>.pagerduty.com`), the base of `html_url`s;
   * `ids` mints every new id.
   */
  constructor(
    readonly webUrl: string,
    readonly ids: IdMint,
    licenses: readonly License[],
    abilities: Iterable<string>,
  ) {
    for (const license of licenses) this.licenses.set(license.id, license);
    this.abilities = new Set(abilities);
    this.audit = new AuditLog(() => ids.next());
  }

  // ---- reads ----

  findUserByEmail(email: string): User | undefined {
    return this.byEmail.get(email.toLowerCase());
  }

  /** The teams `userId` belongs to, in team order of joining. */
  teamsOf(userId: string): Team[] {
    const out: Team[] = [];
    for (const id of this.memberships.get(userId) ?? []) {
      const team = this.teams.get(id);
      if (team) out.push(team);
    }
    return out;
  }

  /** Users by name (case-insensitive, then id): the order of `GET /users`. Cached until a user changes. */
  sortedUsers(): User[] {
    this.userOrder ??= [...this.users.values()].sort(byName);
    return this.userOrder;
  }

  /** Teams by name (case-insensitive, then id). Cached until a team changes. */
  sortedTeams(): Team[] {
    this.teamOrder ??= [...this.teams.values()].sort(byName);
    return this.teamOrder;
  }

  /** Seats of `license` in use (`current_value`). */
  seatsUsed(licenseId: string): number {
    return this.allocated.get(licenseId) ?? 0;
  }

  /** Seats of `license` still free (`allocations_available`), never below 0. */
  seatsFree(license: License): number {
    return Math.max(0, license.seats - this.seatsUsed(license.id));
  }

  // ---- seeding (no audit record: the account's state before the simulation starts) ----

  insertUser(user: User): void {
    this.users.set(user.id, user);
    this.byEmail.set(user.email.toLowerCase(), user);
    this.allocate(user.licenseId, 1);
    this.userOrder = undefined;
  }

  insertTeam(team: Team): void {
    this.teams.set(team.id, team);
    for (const userId of team.members.keys()) this.join(userId, team.id);
    this.teamOrder = undefined;
  }

  // ---- changes (each writes its audit record) ----

  createUser(user: User, actor: Actor): void {
    this.insertUser(user);
    this.audit.add(actor, "create", userRef(user), {
      fields: [
        { name: "name", value: user.name },
        { name: "email", value: user.email },
        { name: "role", value: user.role },
      ],
    });
  }

  /** Applies the defined members of `patch` (undefined ones change nothing). */
  updateUser(user: User, patch: UserPatch, actor: Actor): void {
    patch = defined(patch);
    const fields: FieldChange[] = [];
    for (const [key, apiName] of Object.entries(USER_FIELDS) as [keyof typeof USER_FIELDS, string][]) {
      const value = patch[key];
      if (value === undefined || value === user[key]) continue;
      fields.push({ name: apiName, value, before_value: user[key] });
    }
    if (patch.email !== undefined) {
      this.byEmail.delete(user.email.toLowerCase());
      this.byEmail.set(patch.email.toLowerCase(), user);
    }
    if (patch.licenseId !== undefined && patch.licenseId !== user.licenseId) {
      this.allocate(user.licenseId, -1);
      this.allocate(patch.licenseId, 1);
    }
    Object.assign(user, patch);
    if (patch.name !== undefined) this.userOrder = undefined;
    if (fields.length > 0) this.audit.add(actor, "update", userRef(user), { fields });
  }

  deleteUser(user: User, actor: Actor): void {
    this.users.delete(user.id);
    this.byEmail.delete(user.email.toLowerCase());
    this.allocate(user.licenseId, -1);
    for (const teamId of this.memberships.get(user.id) ?? []) this.teams.get(teamId)?.members.delete(user.id);
    this.memberships.delete(user.id);
    this.userOrder = undefined;
    this.audit.add(actor, "delete", userRef(user));
  }

  createTeam(team: Team, actor: Actor): void {
    this.insertTeam(team);
    this.audit.add(actor, "create", teamRef(team), { fields: [{ name: "name", value: team.name }] });
  }

  /** Applies the defined members of `patch` (undefined ones change nothing). */
  updateTeam(team: Team, patch: TeamPatch, actor: Actor): void {
    patch = defined(patch);
    const fields: FieldChange[] = [];
    for (const [key, apiName] of Object.entries(TEAM_FIELDS) as [keyof typeof TEAM_FIELDS, string][]) {
      const value = patch[key];
      if (value === undefined || value === team[key]) continue;
      fields.push({ name: apiName, value, before_value: team[key] });
    }
    Object.assign(team, patch);
    if (patch.name !== undefined) this.teamOrder = undefined;
    if (fields.length > 0) this.audit.add(actor, "update", teamRef(team), { fields });
  }

  deleteTeam(team: Team, actor: Actor): void {
    for (const userId of team.members.keys()) this.memberships.get(userId)?.delete(team.id);
    this.teams.delete(team.id);
    this.teamOrder = undefined;
    this.audit.add(actor, "delete", teamRef(team));
  }

  /** Adds `user` to `team` with `role`, or changes their role (recorded as `members.role`). */
  setMember(team: Team, user: User, role: TeamRole, actor: Actor): void {
    const before = team.members.get(user.id);
    if (before === role) return;
    team.members.set(user.id, role);
    this.join(user.id, team.id);
    if (before === undefined) {
      this.audit.add(actor, "update", teamRef(team), {
        references: [{ name: "members", added: [userRef(user)] }],
      });
    } else {
      this.audit.add(actor, "update", teamRef(team), {
        resource: userRef(user),
        fields: [{ name: "members.role", value: role, before_value: before }],
      });
    }
  }

  /** Removes `user` from `team`; false when they were not a member. */
  removeMember(team: Team, user: User, actor: Actor): boolean {
    if (!team.members.delete(user.id)) return false;
    this.memberships.get(user.id)?.delete(team.id);
    this.audit.add(actor, "update", teamRef(team), {
      references: [{ name: "members", removed: [userRef(user)] }],
    });
    return true;
  }

  private join(userId: string, teamId: string): void {
    let set = this.memberships.get(userId);
    if (!set) {
      set = new Set();
      this.memberships.set(userId, set);
    }
    set.add(teamId);
  }

  private allocate(licenseId: string, delta: number): void {
    this.allocated.set(licenseId, this.seatsUsed(licenseId) + delta);
  }
}
