/**
 * Builds a realistic, seed-deterministic account: one owner, a few admins, mostly managers and responders,
 * some observers, stakeholders and restricted users; pending invitations; e-mail and phone contact methods;
 * teams of about 20 members with manager/responder/observer roles; Full User and Stakeholder licenses with a
 * little headroom. Linear in users and memberships: 12,000 users and 500 teams take well under a second.
 */
import { TIME_ZONES } from "../kit/names.ts";
import { drawInstant, drawPerson, drawPhone } from "../kit/people-generator.ts";
import { createRng, hashSeed, type Rng } from "../kit/rng.ts";
import { drawMembers, drawTeamName } from "../kit/team-generator.ts";
import { Directory } from "./directory.ts";
import { IdMint } from "./ids.ts";
import type { ContactMethod, License, Team, User } from "./model.ts";
import {
  type BaseRole,
  COLORS,
  DEFAULT_ABILITIES,
  JOB_TITLES,
  LICENSE_KINDS,
  type TeamRole,
} from "./vocabulary.ts";

/** What to generate. */
export interface DirectoryOptions {
  seed: number;
  /** At least 3: the owner, an admin (the `user` key's) and a restricted user (the `restrictedUser` key's). */
  users: number;
  teams: number;
  /** The web app origin, e.g. "https://acme-1.pagerduty.com". */
  webUrl: string;
  /** Seats bought per license kind; default: those in use plus 10% (at least 5). Never below those in use. */
  seats?: { fullUser?: number; stakeholder?: number };
  /** The account's abilities; default DEFAULT_ABILITIES. */
  abilities?: readonly string[];
}

/** Fixed origin for generated instants, so a seed gives byte-identical answers on any day. */
const EPOCH = Date.UTC(2019, 0, 1);
const SPAN_MS = 5 * 365 * 24 * 3600 * 1000;

/** The role of the i-th generated user: 0 owner, 1 admin, 2 restricted; then a realistic mix (one draw). */
function drawRole(rng: Rng, index: number): BaseRole {
  if (index === 0) return "owner";
  if (index === 1) return "admin";
  if (index === 2) return "restricted_access";
  const r = rng.next();
  if (r < 0.04) return "admin";
  if (r < 0.26) return "user";
  if (r < 0.74) return "limited_user";
  if (r < 0.8) return "observer";
  if (r < 0.9) return "read_only_user";
  if (r < 0.96) return "read_only_limited_user";
  return "restricted_access";
}

function licensesFor(ids: IdMint, roles: BaseRole[], seats: DirectoryOptions["seats"] = {}): License[] {
  return LICENSE_KINDS.map((kind) => {
    const used = roles.filter((r) => (kind.validRoles as readonly string[]).includes(r)).length;
    const wanted = kind.roleGroup === "FullUser" ? seats.fullUser : seats.stakeholder;
    return {
      id: ids.next(),
      name: kind.name,
      description: kind.description,
      roleGroup: kind.roleGroup,
      validRoles: kind.validRoles,
      seats: Math.max(used, wanted ?? used + Math.max(5, Math.ceil(used * 0.1))),
    };
  });
}

/**
 * An e-mail method ("Default", paging at once); with probability 0.7 a mobile number too, as SMS (after
 * 1 minute) and, with probability 0.8, as a phone call (after 5 minutes).
 */
function drawContactMethods(rng: Rng, ids: IdMint, email: string): ContactMethod[] {
  const methods: ContactMethod[] = [
    {
      id: ids.next(),
      type: "email_contact_method",
      label: "Default",
      address: email,
      ruleId: ids.next(),
      ruleDelayMinutes: 0,
    },
  ];
  if (rng.chance(0.7)) {
    const [code = "1", number = ""] = drawPhone(rng).split("-");
    const phone = { label: "Mobile", address: number, countryCode: Number(code) };
    methods.push({
      id: ids.next(),
      type: "sms_contact_method",
      ...phone,
      ruleId: ids.next(),
      ruleDelayMinutes: 1,
    });
    if (rng.chance(0.8))
      methods.push({
        id: ids.next(),
        type: "phone_contact_method",
        ...phone,
        ruleId: ids.next(),
        ruleDelayMinutes: 5,
      });
  }
  return methods;
}

/** One generated user; `license` is the one whose valid roles include `role`. */
export function drawUser(
  rng: Rng,
  ids: IdMint,
  index: number,
  role: BaseRole,
  license: License,
  taken: Set<string>,
): User {
  const { fullName, email } = drawPerson(rng, taken);
  return {
    id: ids.next(),
    name: fullName,
    email,
    timeZone: rng.pick(TIME_ZONES),
    color: rng.pick(COLORS),
    role,
    jobTitle: rng.chance(0.8) ? rng.pick(JOB_TITLES) : null,
    description: rng.chance(0.15) ? `Ask me about ${rng.pick(JOB_TITLES).toLowerCase()} things` : null,
    invitationSent: index > 2 && rng.chance(0.05),
    createdViaSso: rng.chance(0.3),
    contactMethods: drawContactMethods(rng, ids, email),
    licenseId: license.id,
    allocatedAt: drawInstant(rng, EPOCH, SPAN_MS),
  };
}

/** The role a member gets: mostly responders, some managers and observers (one draw). */
function drawTeamRole(rng: Rng): TeamRole {
  const r = rng.next();
  return r < 0.1 ? "manager" : r < 0.85 ? "responder" : "observer";
}

/** Observers and limited stakeholders can only observe, whatever role was drawn for them. */
function fitTeamRole(role: TeamRole, base: BaseRole): TeamRole {
  return base === "observer" || base === "read_only_limited_user" ? "observer" : role;
}

function generateTeams(rng: Rng, ids: IdMint, count: number, users: User[]): Team[] {
  // Full stakeholders cannot be team members (adding one is a 400), so they are never drawn.
  const eligible = users.filter((u) => u.role !== "read_only_user");
  const roleOf = new Map(eligible.map((u) => [u.id, u.role]));
  const names = new Set<string>();
  const teams: Team[] = [];
  for (let i = 0; i < count; i++) {
    const name = drawTeamName(rng, names);
    const size = Math.min(eligible.length, rng.int(12, 28));
    const drawn = drawMembers(rng, eligible, size, (index) => (index === 0 ? "manager" : drawTeamRole(rng)));
    const members = new Map<string, TeamRole>();
    for (const [userId, role] of drawn) members.set(userId, fitTeamRole(role, roleOf.get(userId) ?? "user"));
    teams.push({
      id: ids.next(),
      name,
      description: rng.chance(0.7) ? `${name} team` : "",
      defaultRole: rng.chance(0.8) ? "manager" : "none",
      members,
    });
  }
  return teams;
}

/** The seeded account. Throws when fewer than 3 users are asked for. */
export function generateDirectory(options: DirectoryOptions): Directory {
  if (!(options.users >= 3)) throw new Error("a PagerDuty simulator needs at least 3 users");
  const rng = createRng(hashSeed(options.seed, "directory"));
  const ids = new IdMint(createRng(hashSeed(options.seed, "ids")));
  const roles = Array.from({ length: options.users }, (_, i) => drawRole(rng, i));
  const licenses = licensesFor(ids, roles, options.seats);
  const dir = new Directory(options.webUrl, ids, licenses, options.abilities ?? DEFAULT_ABILITIES);
  const taken = new Set<string>();
  const users = roles.map((role, i) => {
    const license = licenses.find((l) => l.validRoles.includes(role)) as License;
    return drawUser(rng, ids, i, role, license, taken);
  });
  for (const user of users) dir.insertUser(user);
  for (const team of generateTeams(rng, ids, options.teams, users)) dir.insertTeam(team);
  return dir;
}
