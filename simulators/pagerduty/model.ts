/**
 * The simulator's records. They keep only what cannot be derived: references, `self`/`html_url` links,
 * summaries, avatar URLs and notification-rule views are computed when a record is served, which keeps
 * 12,000 users light in memory.
 */
import type { BaseRole, TeamRole } from "./vocabulary.ts";

/** A channel a user is paged through; each carries the high-urgency notification rule that uses it. */
export interface ContactMethod {
  id: string;
  type: "email_contact_method" | "phone_contact_method" | "sms_contact_method";
  /** "Default" for the sign-up e-mail, "Mobile", "Work"... */
  label: string;
  /** An e-mail address, or the national number of a phone (digits, without the country code). */
  address: string;
  /** Phones and SMS only: the international calling code (1-1999). */
  countryCode?: number;
  /** The id of the notification rule paging through this method. */
  ruleId: string;
  /** When that rule fires, in minutes after an incident is assigned. */
  ruleDelayMinutes: number;
}

export interface User {
  id: string;
  name: string;
  /** Unique in the account, case-insensitively. */
  email: string;
  /** IANA time zone name. */
  timeZone: string;
  color: string;
  role: BaseRole;
  jobTitle: string | null;
  description: string | null;
  /** An invitation is pending (the user never signed in). */
  invitationSent: boolean;
  createdViaSso: boolean;
  contactMethods: ContactMethod[];
  /** The license the user holds. */
  licenseId: string;
  /** When that license was allocated (ISO-8601). */
  allocatedAt: string;
}

export interface Team {
  id: string;
  name: string;
  description: string;
  /** "manager": a public team; "none": a private one. */
  defaultRole: "manager" | "none";
  /** userId -> role on the team; insertion order is member order. */
  members: Map<string, TeamRole>;
}

export interface License {
  id: string;
  name: string;
  description: string;
  roleGroup: "FullUser" | "Stakeholder";
  /** The base roles a holder of this license may have. */
  validRoles: readonly BaseRole[];
  /** Seats bought: `current_value + allocations_available`. */
  seats: number;
}
