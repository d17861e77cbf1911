/**
 * The mutable directory (users, teams, custom roles, account) with the indexes that keep every request
 * O(page) rather than O(directory): id and username maps, a user -> teams index, and sorted user orders
 * cached until the next write. Writes go through these methods so the caches can never go stale.
 */
import type { CustomRole, Plan, Team, User } from "./model.ts";

export type UserSort = "username" | "fullName" | "insertedAt";

const collator = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Sort keys, computed once per user per sort (decorate-sort-undecorate), with a unique tie-breaker. */
const SORT_KEYS: Record<UserSort, (u: User) => string> = {
  username: (u) => u.username,
  fullName: (u) => `${u.fullName.toLowerCase()}\u0000${u.username}`,
  insertedAt: (u) => `${u.createdAt}\u0000${u.id}`,
};

export class Directory {
  readonly users = new Map<string, User>();
  readonly teams = new Map<string, Team>();
  readonly customRoles = new Map<string, CustomRole>();
  private readonly usersByName = new Map<string, User>();
  private readonly teamsByName = new Map<string, Team>();
  private readonly rolesByName = new Map<string, CustomRole>();
  private readonly memberships = new Map<string, Set<string>>();
  private sorted = new Map<UserSort, User[]>();
  private filtered = new Map<string, User[]>();
  /** Serialized list-view JSON per user id; list pages are built by joining these strings. */
  readonly listJson = new Map<string, string>();

  constructor(
    public accountName: string,
    public plan: Plan,
  ) {}

  /** Always the live number of users, so /v2/account can never disagree with /v2/users totalCount. */
  get userCount(): number {
    return this.users.size;
  }

  private usersChanged(userId?: string): void {
    this.sorted = new Map();
    this.filtered = new Map();
    if (userId) this.listJson.delete(userId);
  }

  // ---- users ----
  findUser(idOrUsername: string): User | undefined {
    return this.users.get(idOrUsername) ?? this.usersByName.get(idOrUsername.toLowerCase());
  }

  hasUsername(username: string): boolean {
    return this.usersByName.has(username.toLowerCase());
  }

  addUser(user: User): void {
    this.users.set(user.id, user);
    this.usersByName.set(user.username.toLowerCase(), user);
    this.usersChanged();
  }

  updateUser(user: User, patch: Partial<Omit<User, "id">>): void {
    if (patch.username !== undefined && patch.username !== user.username) {
      this.usersByName.delete(user.username.toLowerCase());
      this.usersByName.set(patch.username.toLowerCase(), user);
    }
    Object.assign(user, patch);
    this.usersChanged(user.id);
  }

  deleteUser(user: User): void {
    this.users.delete(user.id);
    this.usersByName.delete(user.username.toLowerCase());
    for (const teamId of this.memberships.get(user.id) ?? []) this.teams.get(teamId)?.members.delete(user.id);
    this.memberships.delete(user.id);
    this.usersChanged(user.id);
  }

  /** Users in ascending order of `sort`; cached until the next user write. */
  sortedUsers(sort: UserSort): User[] {
    let list = this.sorted.get(sort);
    if (!list) {
      const key = SORT_KEYS[sort];
      const decorated: [string, User][] = [];
      for (const u of this.users.values()) decorated.push([key(u), u]);
      decorated.sort((a, b) => collator(a[0], b[0]));
      list = decorated.map((d) => d[1]);
      this.sorted.set(sort, list);
    }
    return list;
  }

  /** Filtered + sorted users, cached per (sort, query) until the next user write. */
  queryUsers(sort: UserSort, query: string, predicate: (u: User) => boolean): User[] {
    const key = `${sort}\u0000${query}`;
    let list = this.filtered.get(key);
    if (!list) {
      list = this.sortedUsers(sort).filter(predicate);
      if (this.filtered.size > 256) this.filtered.clear();
      this.filtered.set(key, list);
    }
    return list;
  }

  teamsOfUser(userId: string): Team[] {
    const out: Team[] = [];
    for (const id of this.memberships.get(userId) ?? []) {
      const team = this.teams.get(id);
      if (team) out.push(team);
    }
    return out;
  }

  // ---- teams ----
  findTeam(identifier: string, type: "id" | "name" = "id"): Team | undefined {
    return type === "name" ? this.teamsByName.get(identifier.toLowerCase()) : this.teams.get(identifier);
  }

  hasTeamName(name: string): boolean {
    return this.teamsByName.has(name.toLowerCase());
  }

  addTeam(team: Team): void {
    this.teams.set(team.id, team);
    this.teamsByName.set(team.name.toLowerCase(), team);
    for (const userId of team.members.keys()) this.indexMember(userId, team.id);
  }

  renameTeam(team: Team, name: string): void {
    this.teamsByName.delete(team.name.toLowerCase());
    team.name = name;
    this.teamsByName.set(name.toLowerCase(), team);
  }

  deleteTeam(team: Team): void {
    for (const userId of team.members.keys()) this.memberships.get(userId)?.delete(team.id);
    this.teams.delete(team.id);
    this.teamsByName.delete(team.name.toLowerCase());
  }

  setMember(team: Team, userId: string, role: string): void {
    team.members.set(userId, role);
    this.indexMember(userId, team.id);
  }

  removeMember(team: Team, userId: string): boolean {
    this.memberships.get(userId)?.delete(team.id);
    return team.members.delete(userId);
  }

  replaceMembers(team: Team, members: Map<string, string>): void {
    for (const userId of team.members.keys()) this.memberships.get(userId)?.delete(team.id);
    team.members = members;
    for (const userId of members.keys()) this.indexMember(userId, team.id);
  }

  private indexMember(userId: string, teamId: string): void {
    let set = this.memberships.get(userId);
    if (!set) {
      set = new Set();
      this.memberships.set(userId, set);
    }
    set.add(teamId);
  }

  // ---- custom roles ----
  findRole(identifier: string, type: "id" | "name" = "id"): CustomRole | undefined {
    return type === "name"
      ? this.rolesByName.get(identifier.toLowerCase())
      : this.customRoles.get(identifier);
  }

  addRole(role: CustomRole): void {
    this.customRoles.set(role.id, role);
    this.rolesByName.set(role.name.toLowerCase(), role);
  }

  updateRole(role: CustomRole, patch: Partial<Omit<CustomRole, "id">>): void {
    if (patch.name !== undefined && patch.name !== role.name) {
      this.rolesByName.delete(role.name.toLowerCase());
      this.rolesByName.set(patch.name.toLowerCase(), role);
      // Users carry a copy of {id, name}; keep it in step with the renamed role.
      for (const user of this.users.values()) {
        if (user.role.id === role.id) {
          user.role = { id: role.id, name: patch.name };
          this.listJson.delete(user.id);
        }
      }
      this.usersChanged();
    }
    Object.assign(role, patch);
  }

  deleteRole(role: CustomRole): void {
    this.customRoles.delete(role.id);
    this.rolesByName.delete(role.name.toLowerCase());
  }
}
