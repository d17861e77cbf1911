/**
 * Builds a site's directory from a list of people and teams: new Atlassian account ids, the seeded callers
 * (admin, agent-only, no-access, service account, revoked token), and the accounts every real site mixes
 * into `users/search` (apps, a Rovo agent, portal customers, an erased account). `generateDirectory` feeds it
 * drawn people; the Opsgenie-to-JSM migration feeds it an Opsgenie directory (`directoryFromPeople`).
 */
import { LOCALES, TIME_ZONES } from "../kit/names.ts";
import { createRng, hashSeed, type Rng } from "../kit/rng.ts";
import { Directory } from "./directory.ts";
import type { Account, CallerKind, CustomRole } from "./model.ts";
import { seedOpsRecords } from "./ops-records.ts";

/** A person to create an Atlassian account for. */
export interface SourcePerson {
  name: string;
  email: string;
  /** Holds a JSM agent seat; default true (an Opsgenie responder becomes an agent). */
  agent?: boolean;
  /** Default true. */
  active?: boolean;
  /** Whether Jira shows the e-mail; default drawn (about 30% hidden). */
  emailVisible?: boolean;
}

/** A team to create, members by e-mail (e-mails matching no person are skipped). */
export interface SourceTeam {
  name: string;
  memberEmails: readonly string[];
  description?: string;
  /** Operations enabled; default true. */
  ops?: boolean;
}

/** What a site is built from. */
export interface DirectorySource {
  people: readonly SourcePerson[];
  teams: readonly SourceTeam[];
}

/** How the site around the source looks. */
export interface BuildOptions {
  /** Seeds ids, tokens and the draws for what the source leaves open. */
  seed: number;
  /** E-mail domains the organization claimed: their accounts are managed (the admin API returns them). */
  managedDomains?: readonly string[];
  /** JSM agent seats bought; default agents + 10% (at least 5); null: unlimited. */
  seats?: number | null;
  /** Custom global ops roles to create (default 3). */
  customRoles?: number;
}

/** The managed domain unless told otherwise: the callers' and most generated people's. */
export const DEFAULT_MANAGED_DOMAIN = "acme.example";

const RIGHTS = [
  "alert-action",
  "alert-create",
  "alert-delete",
  "alert-close",
  "schedule-edit",
  "heartbeat-edit",
];

/** `557058:<uuid>` (90%) or the legacy 24-hex form. Draws once, then the id. */
function drawAccountId(rng: Rng): string {
  if (rng.chance(0.9)) return `557058:${rng.uuid()}`;
  let hex = "";
  for (let i = 0; i < 24; i++) hex += "0123456789abcdef"[rng.int(0, 15)];
  return hex;
}

/** A 40-character token starting like an Atlassian classic API token ("ATATT3x"; real ones are longer). */
function drawToken(rng: Rng): string {
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let out = "ATATT3x";
  while (out.length < 40) out += chars[rng.int(0, chars.length - 1)];
  return out;
}

function person(rng: Rng, p: Partial<Account> & Pick<Account, "displayName" | "email">): Account {
  const hiddenTz = rng.chance(0.1);
  const tz = rng.pick(TIME_ZONES);
  const locale = rng.pick(LOCALES);
  return {
    accountId: drawAccountId(rng),
    accountType: "atlassian",
    emailVisible: true,
    managed: false,
    active: true,
    erased: false,
    agent: true,
    timeZone: hiddenTz ? null : tz,
    locale: hiddenTz ? null : locale,
    ...p,
  };
}

const CALLERS: { kind: CallerKind; name: string; local: string; agent: boolean }[] = [
  { kind: "admin", name: "Site Admin", local: "site.admin", agent: true },
  { kind: "agent", name: "Agent Only", local: "agent.only", agent: true },
  { kind: "noAccess", name: "No Access", local: "no.access", agent: false },
  { kind: "service", name: "Roster Service Account", local: "roster-svc", agent: false },
  { kind: "revoked", name: "Revoked Token", local: "revoked.token", agent: true },
];

/** Builds the directory of one site from `source` (see the file comment); deterministic per seed. */
export function buildDirectory(source: DirectorySource, options: BuildOptions): Directory {
  const rng = createRng(hashSeed(options.seed, "jsm-directory"));
  const managed = new Set((options.managedDomains ?? [DEFAULT_MANAGED_DOMAIN]).map((d) => d.toLowerCase()));
  const isManaged = (email: string): boolean => managed.has(email.split("@")[1]?.toLowerCase() ?? "");
  const accounts: Account[] = [];

  for (const p of source.people) {
    const hidden = rng.chance(0.3);
    accounts.push(
      person(rng, {
        displayName: p.name,
        email: p.email,
        emailVisible: p.emailVisible ?? !hidden,
        managed: isManaged(p.email),
        active: p.active ?? true,
        agent: p.agent ?? true,
      }),
    );
  }

  const callerDomain = [...managed][0] ?? DEFAULT_MANAGED_DOMAIN;
  const callerAccounts = new Map<CallerKind, Account>();
  for (const c of CALLERS) {
    const service = c.kind === "service";
    const email = service ? `${c.local}@serviceaccount.atlassian.com` : `${c.local}@${callerDomain}`;
    const account = person(rng, {
      displayName: c.name,
      email,
      managed: !service,
      agent: c.agent,
      ...(service ? { accountType: "app" as const, appType: "service" as const } : {}),
    });
    callerAccounts.set(c.kind, account);
    accounts.push(account);
  }

  // What a real site mixes into users/search besides people.
  accounts.push(
    person(rng, {
      displayName: "Automation for Jira",
      email: null,
      accountType: "app",
      appType: "service",
      agent: false,
    }),
    person(rng, {
      displayName: "Rovo Agent",
      email: null,
      accountType: "app",
      appType: "agent",
      agent: false,
    }),
    person(rng, {
      displayName: "Portal Customer",
      email: "customer@client.example",
      accountType: "customer",
      agent: false,
    }),
    person(rng, {
      displayName: "Another Customer",
      email: "buyer@client.example",
      accountType: "customer",
      agent: false,
    }),
    person(rng, {
      displayName: "Former user",
      email: null,
      emailVisible: false,
      active: false,
      erased: true,
      agent: false,
    }),
  );

  const agents = accounts.filter((a) => a.agent && a.active && a.accountType === "atlassian").length;
  const seats = options.seats === undefined ? Math.max(agents + 5, Math.ceil(agents * 1.1)) : options.seats;
  const dir = new Directory({ seats }, `ATCO${drawToken(rng).slice(7)}`);
  for (const a of accounts) dir.accounts.set(a.accountId, a);

  for (const c of CALLERS) {
    const account = callerAccounts.get(c.kind) as Account;
    const apiToken = drawToken(rng);
    dir.callers.set(apiToken, {
      kind: c.kind,
      accountId: account.accountId,
      email: account.email as string,
      apiToken,
    });
    if (c.kind === "revoked") dir.revokedTokens.add(apiToken);
  }

  const byEmail = new Map<string, Account>();
  for (const a of accounts) if (a.email) byEmail.set(a.email.toLowerCase(), a);
  for (const t of source.teams) {
    const members: string[] = [];
    for (const email of t.memberEmails) {
      const a = byEmail.get(email.toLowerCase());
      if (a && !members.includes(a.accountId)) members.push(a.accountId);
    }
    const teamId = rng.uuid();
    dir.teams.set(teamId, {
      teamId,
      displayName: t.name,
      description: t.description ?? "",
      ops: t.ops ?? true,
      members,
    });
  }
  // The agent-only caller is in the first ops team, so its own-teams view of /v1/teams is not empty.
  const firstOps = [...dir.teams.values()].find((t) => t.ops);
  const agentCaller = callerAccounts.get("agent") as Account;
  if (firstOps) firstOps.members.push(agentCaller.accountId);

  for (let i = 0; i < (options.customRoles ?? 3); i++) dir.roles.push(drawRole(rng, i));
  // A stream of its own, so adding ops records changes none of the ids drawn above.
  dir.ops = seedOpsRecords(createRng(hashSeed(options.seed, "jsm-ops")), [...dir.teams.values()]);
  return dir;
}

/** A custom role "Custom role N" granting a random half of the rights. */
export function drawRole(rng: Rng, index: number): CustomRole {
  const granted = rng.sample(RIGHTS, 3);
  return {
    id: rng.uuid(),
    name: index === 0 ? "FinanceRole" : `Custom role ${index + 1}`,
    extendedRole: index % 2 === 0 ? "user" : "observer",
    grantedRights: granted,
    disallowedRights: RIGHTS.filter((r) => !granted.includes(r)),
  };
}

/** An Opsgenie-style directory: people `{name, email}` and teams `{name, member emails}`. */
export interface PeopleAndTeams {
  people: readonly { name: string; email: string }[];
  teams: readonly { name: string; memberEmails: readonly string[]; description?: string }[];
}

/**
 * The JSM site an Opsgenie account migrates into (reference §1.2): every person gets a new Atlassian account
 * (new accountId, same e-mail, a JSM agent seat), every team becomes an ops-enabled Atlassian team with a new
 * id and the same members, plus the seeded callers and the non-people accounts of any site.
 */
export function directoryFromPeople(input: PeopleAndTeams, options: BuildOptions): Directory {
  return buildDirectory(
    {
      people: input.people.map((p) => ({ name: p.name, email: p.email })),
      teams: input.teams.map((t) => ({ ...t, ops: true })),
    },
    options,
  );
}
