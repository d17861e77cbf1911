/**
 * The records of a simulated Atlassian site and organization (reference §4): accounts as Jira lists them,
 * Atlassian platform teams (some ops-enabled), custom ops roles and the JSM licence.
 */

/** `atlassian` people, `app` (bots, Rovo agents, service accounts) and `customer` (JSM portal) accounts. */
export type AccountType = "atlassian" | "app" | "customer";

/** One account of the site. */
export interface Account {
  /** `557058:<uuid>` or 24 hex digits (legacy), opaque to clients. */
  accountId: string;
  accountType: AccountType;
  /** For `app` accounts only. */
  appType?: "service" | "agent" | "unknown";
  displayName: string;
  /** The account's e-mail address, known to the simulator even when Jira hides it. */
  email: string | null;
  /** Whether Jira shows `emailAddress` (profile visibility); hidden e-mails answer null. */
  emailVisible: boolean;
  /** Managed by the organization (a claimed domain): the admin API lists it, with its e-mail. */
  managed: boolean;
  active: boolean;
  /** Erased on request (RTBF): still listed, blank fields, inactive. */
  erased: boolean;
  /** Holds the `jira-servicedesk` application role (a JSM agent seat). */
  agent: boolean;
  /** The user's own time zone, or null when hidden (Jira then answers the instance default). */
  timeZone: string | null;
  /** Java form, e.g. "en_US"; null when hidden. */
  locale: string | null;
}

/** An Atlassian platform team. */
export interface Team {
  teamId: string;
  displayName: string;
  description: string;
  /** Operations enabled: listed by the JSM Ops `/v1/teams`. */
  ops: boolean;
  /** Member account ids, in the order they joined. */
  members: string[];
}

/** A custom global ops role (`/v1/roles`). */
export interface CustomRole {
  id: string;
  name: string;
  extendedRole: "user" | "observer" | "stakeholder";
  grantedRights: string[];
  disallowedRights: string[];
}

/** What a seeded caller may do (reference §2.4, §7 "Permission model"). */
export type CallerKind = "admin" | "agent" | "noAccess" | "service" | "revoked";
