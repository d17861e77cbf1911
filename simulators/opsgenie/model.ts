/**
 * The simulator's in-memory records. They mirror Opsgenie's wire shapes closely so that serializing a
 * record is a plain object copy, not a mapping step.
 */
export interface UserAddress {
  country: string;
  state: string;
  city: string;
  line: string;
  zipCode: string;
}

export interface RoleRef {
  id: string;
  name: string;
}

export type ContactMethod = "email" | "sms" | "voice" | "mobile";

export interface Contact {
  id: string;
  method: ContactMethod;
  to: string;
  enabled: boolean;
  disabledReason?: string;
  applyOrder: number;
}

export interface User {
  id: string;
  username: string;
  fullName: string;
  role: RoleRef;
  skypeUsername?: string;
  timeZone: string;
  locale: string;
  userAddress: UserAddress;
  tags: string[];
  details: Record<string, string[]>;
  blocked: boolean;
  verified: boolean;
  createdAt: string;
  mutedUntil?: string;
  contacts: Contact[];
}

export interface TeamRight {
  right: string;
  granted: boolean;
}

export interface TeamRole {
  id: string;
  name: string;
  rights: TeamRight[];
}

export interface Team {
  id: string;
  name: string;
  description: string;
  /** userId -> role string ("admin", "user" or a custom team role name); insertion order is member order. */
  members: Map<string, string>;
  roles: TeamRole[];
}

export type ExtendedRole = "user" | "observer" | "stakeholder";

export interface CustomRole {
  id: string;
  name: string;
  extendedRole: ExtendedRole;
  grantedRights: string[];
  disallowedRights: string[];
}

export interface Plan {
  name: string;
  maxUserCount: number;
  isYearly: boolean;
}

/** Built-in account roles: on the wire their id equals their name (reference §5.1). */
export const BUILT_IN_ROLES = ["Owner", "Admin", "User", "Stakeholder", "Observer"] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];
