/**
 * The live state of one simulated site: accounts in creation order (Jira's `users/search` order), teams,
 * custom roles, the JSM licence and the seeded callers. Handlers and control changes read and change it.
 */
import type { Account, CallerKind, CustomRole, Team } from "./model.ts";
import type { OpsRecords } from "./ops-records.ts";

/** A caller's Basic credentials and the account they belong to. */
export interface Caller {
  kind: CallerKind;
  accountId: string;
  email: string;
  apiToken: string;
}

/** The JSM licence: `seats` null means unlimited. */
export interface Licence {
  seats: number | null;
}

export class Directory {
  readonly accounts = new Map<string, Account>();
  readonly teams = new Map<string, Team>();
  readonly roles: CustomRole[] = [];
  /** Callers by API token. */
  readonly callers = new Map<string, Caller>();
  readonly revokedTokens = new Set<string>();
  /** Ids of deleted teams: the Teams API answers 410 for them, 404 for ids it never knew. */
  readonly deletedTeams = new Set<string>();
  /** Schedules, escalations, heartbeats and alerts of the JSM Ops API. */
  ops: OpsRecords = { schedules: [], escalations: [], heartbeats: [], alerts: [] };

  constructor(
    readonly licence: Licence,
    /** The org's admin API key (Bearer on `/admin`). */
    readonly adminApiKey: string,
  ) {}

  /** Accounts in list order. */
  list(): Account[] {
    return [...this.accounts.values()];
  }

  /** Active people holding a JSM agent seat: the licence's `userCount`. */
  agentCount(): number {
    let n = 0;
    for (const a of this.accounts.values())
      if (a.agent && a.active && a.accountType === "atlassian" && !a.erased) n++;
    return n;
  }

  /** The account with this e-mail (case-insensitive), visible or not. */
  findByEmail(email: string): Account | undefined {
    const wanted = email.toLowerCase();
    for (const a of this.accounts.values()) if (a.email?.toLowerCase() === wanted) return a;
    return undefined;
  }

  /** Teams `accountId` belongs to. */
  teamsOf(accountId: string): Team[] {
    return [...this.teams.values()].filter((t) => t.members.includes(accountId));
  }

  /** Removes an account and its team memberships; false when unknown. */
  removeAccount(accountId: string): boolean {
    if (!this.accounts.delete(accountId)) return false;
    for (const t of this.teams.values()) t.members = t.members.filter((m) => m !== accountId);
    return true;
  }

  /** Deletes a team (remembering its id); false when unknown. */
  removeTeam(teamId: string): boolean {
    if (!this.teams.delete(teamId)) return false;
    this.deletedTeams.add(teamId);
    return true;
  }

  /** The caller a token authenticates (revoked tokens and removed accounts: undefined). */
  callerOf(email: string, token: string): Caller | undefined {
    const caller = this.callers.get(token);
    if (!caller || this.revokedTokens.has(token) || caller.email.toLowerCase() !== email.toLowerCase())
      return undefined;
    return this.accounts.has(caller.accountId) ? caller : undefined;
  }
}
