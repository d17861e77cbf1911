/**
 * Builds a realistic, seed-deterministic directory: one Owner, a few Admins, mostly Users, some
 * Stakeholders/Observers and custom roles; blocked and unverified users; teams of varied size (some empty)
 * with overlapping membership. Linear in the number of users and memberships, so 10,000 users start fast.
 */
import { LOCALES, TEAM_WORDS, TIME_ZONES } from "../kit/names.ts";
import { drawInstant, drawPerson, drawPhone } from "../kit/people-generator.ts";
import { createRng, hashSeed, type Rng } from "../kit/rng.ts";
import { drawMembers, drawTeamName, drawTeamSize } from "../kit/team-generator.ts";
import { Directory } from "./directory.ts";
import type { Contact, CustomRole, ExtendedRole, Plan, RoleRef, Team, TeamRole, User } from "./model.ts";
import {
  ADDRESSES,
  CUSTOM_ROLE_NAMES,
  TEAM_RIGHTS,
  TEAM_ROLE_NAMES,
  USER_RIGHTS,
  USER_TAGS,
} from "./vocabulary.ts";

export interface DirectoryOptions {
  seed: number;
  users: number;
  teams: number;
  customRoles: number;
  /** Plan name shown by /v2/account (Free, Essentials, Standard, Enterprise). */
  plan: string;
  /** plan.maxUserCount; generated users beyond it are created blocked, as Opsgenie blocks over-limit users. */
  maxUsers?: number;
}

/** Fixed origin for generated timestamps so the same seed gives byte-identical responses on any day. */
const EPOCH = Date.UTC(2019, 0, 1);
const SPAN_MS = 5 * 365 * 24 * 3600 * 1000;

export function defaultMaxUsers(users: number): number {
  return Math.max(5, Math.ceil((users * 1.2) / 50) * 50);
}

export function generateDirectory(options: DirectoryOptions): Directory {
  const rng = createRng(hashSeed(options.seed, "directory"));
  const plan: Plan = {
    name: options.plan,
    maxUserCount: options.maxUsers ?? defaultMaxUsers(options.users),
    isYearly: options.plan !== "Free",
  };
  const dir = new Directory(`acme-${options.seed}`, plan);
  const roles = generateRoles(rng, options.customRoles);
  for (const role of roles) dir.addRole(role);
  const users = generateUsers(rng, options.users, roles, plan.maxUserCount);
  // Insert in creation order so the Map's natural order is "insertedAt".
  users.sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  for (const user of users) dir.addUser(user);
  for (const team of generateTeams(rng, options.teams, users)) dir.addTeam(team);
  return dir;
}

function generateRoles(rng: Rng, count: number): CustomRole[] {
  const extended: ExtendedRole[] = ["user", "observer", "stakeholder"];
  const out: CustomRole[] = [];
  for (let i = 0; i < count; i++) {
    const base = CUSTOM_ROLE_NAMES[i % CUSTOM_ROLE_NAMES.length] as string;
    const name =
      i < CUSTOM_ROLE_NAMES.length ? base : `${base} ${Math.floor(i / CUSTOM_ROLE_NAMES.length) + 1}`;
    const rights = rng.sample(USER_RIGHTS, rng.int(2, 6));
    const split = rng.int(1, rights.length - 1);
    out.push({
      id: rng.uuid(),
      name,
      extendedRole: i === 0 ? "user" : rng.pick(extended),
      grantedRights: rights.slice(0, split),
      disallowedRights: rights.slice(split),
    });
  }
  return out;
}

function pickRole(rng: Rng, index: number, custom: CustomRole[]): RoleRef {
  if (index === 0) return { id: "Owner", name: "Owner" };
  const r = rng.next();
  if (r < 0.06) return { id: "Admin", name: "Admin" };
  if (r < 0.1) return { id: "Stakeholder", name: "Stakeholder" };
  if (r < 0.13) return { id: "Observer", name: "Observer" };
  if (r < 0.2 && custom.length > 0) {
    const role = rng.pick(custom);
    return { id: role.id, name: role.name };
  }
  return { id: "User", name: "User" };
}

function generateUsers(rng: Rng, count: number, custom: CustomRole[], maxUserCount: number): User[] {
  const taken = new Set<string>();
  const users: User[] = [];
  for (let i = 0; i < count; i++) {
    const { fullName, local, email: username } = drawPerson(rng, taken);
    const contacts: Contact[] = [
      { id: rng.uuid(), method: "email", to: username, enabled: true, applyOrder: 0 },
    ];
    if (rng.chance(0.5))
      contacts.push({ id: rng.uuid(), method: "sms", to: drawPhone(rng), enabled: true, applyOrder: 1 });
    if (rng.chance(0.3)) {
      const enabled = rng.chance(0.8);
      const voice: Contact = { id: rng.uuid(), method: "voice", to: drawPhone(rng), enabled, applyOrder: 2 };
      if (!enabled) voice.disabledReason = "Disabled by user";
      contacts.push(voice);
    }
    if (rng.chance(0.4))
      contacts.push({ id: rng.uuid(), method: "mobile", to: username, enabled: true, applyOrder: 3 });
    const user: User = {
      id: rng.uuid(),
      username,
      fullName,
      role: pickRole(rng, i, custom),
      timeZone: rng.pick(TIME_ZONES),
      locale: rng.pick(LOCALES),
      userAddress: rng.chance(0.4)
        ? { ...rng.pick(ADDRESSES) }
        : { country: "", state: "", city: "", line: "", zipCode: "" },
      tags: rng.sample(USER_TAGS, rng.int(0, 2)),
      details: rng.chance(0.3)
        ? { department: [rng.pick(TEAM_WORDS)], costCenter: [String(rng.int(100, 999))] }
        : {},
      // The owner is always active; over-limit users are blocked like Opsgenie does after a plan change.
      blocked: i > 0 && (i >= maxUserCount || rng.chance(0.03)),
      verified: i === 0 || rng.chance(0.85),
      createdAt: drawInstant(rng, EPOCH, SPAN_MS),
      contacts,
    };
    if (rng.chance(0.2)) user.skypeUsername = local.replace(/\./g, "_");
    if (rng.chance(0.05))
      user.mutedUntil = new Date(EPOCH + SPAN_MS + rng.int(1, 90) * 86400000).toISOString();
    users.push(user);
  }
  return users;
}

function generateTeams(rng: Rng, count: number, users: User[]): Team[] {
  const names = new Set<string>();
  const teams: Team[] = [];
  for (let i = 0; i < count; i++) {
    const name = drawTeamName(rng, names);
    const roles: TeamRole[] = rng.chance(0.3)
      ? rng.sample(TEAM_ROLE_NAMES, rng.int(1, 2)).map((roleName) => ({
          id: rng.uuid(),
          name: roleName,
          rights: rng
            .sample(TEAM_RIGHTS, rng.int(1, 4))
            .map((right) => ({ right, granted: rng.chance(0.8) })),
        }))
      : [];
    // The first member is a team admin; later ones are mostly users, some admins or custom team roles.
    const members = drawMembers(rng, users, drawTeamSize(rng, users.length), (index) => {
      let role = index === 0 || rng.chance(0.1) ? "admin" : "user";
      if (roles.length > 0 && rng.chance(0.1)) role = rng.pick(roles).name;
      return role;
    });
    teams.push({ id: rng.uuid(), name, description: rng.chance(0.7) ? `${name} team` : "", members, roles });
  }
  return teams;
}
