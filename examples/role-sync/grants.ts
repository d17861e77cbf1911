import type { User } from "@roster/client";
import { readJsonFile, writeJsonFile } from "../shared/json-file.ts";

/** The product's permissions per unified role name, e.g. `{ "Admin": ["workspace.admin", ...] }`. */
export type RoleMap = Record<string, readonly string[]>;

/**
 * A default mapping for the roles Opsgenie reports (Owner, Admin, User, Stakeholder, Observer). Other
 * providers name their roles differently (see README.md); pass a RoleMap of your own for them.
 */
export const DEFAULT_ROLE_MAP: RoleMap = {
  Owner: ["billing.manage", "incidents.read", "incidents.write", "workspace.admin"],
  Admin: ["incidents.read", "incidents.write", "workspace.admin"],
  User: ["incidents.read", "incidents.write"],
  Stakeholder: ["incidents.read"],
  Observer: ["incidents.read"],
};

/** What one person of one integrated account may do in the product, and why. */
export interface Grant {
  /** `<integrated account id>/<user id>`. */
  id: string;
  integrated_account_id: string;
  user_id: string;
  email: string | null;
  /** The unified roles the grant comes from (names). */
  roles: string[];
  /** The product's permissions, sorted; empty for inactive or deleted people. */
  permissions: string[];
  /** Roles the RoleMap does not know: they grant nothing until they are mapped. */
  unmapped_roles: string[];
}

/** The grant a unified user earns under `roleMap`: the union of its roles' permissions while it may sign in. */
export function grantFor(account: string, user: User, roleMap: RoleMap): Grant {
  const roles = (user.roles ?? []).map((r) => r.name ?? r.id);
  const active = user.status !== "inactive" && user.status !== "deleted";
  const known = roles.filter((name) => Object.hasOwn(roleMap, name));
  const permissions = active ? [...new Set(known.flatMap((name) => roleMap[name] ?? []))].sort() : [];
  const primary = user.emails?.find((e) => e.is_primary) ?? user.emails?.[0];
  return {
    id: `${account}/${user.id}`,
    integrated_account_id: account,
    user_id: user.id,
    email: primary?.email ?? null,
    roles,
    permissions,
    unmapped_roles: roles.filter((name) => !Object.hasOwn(roleMap, name)),
  };
}

/** The product's grants, in a JSON file (`{ "grants": [...] }`, sorted by id), written whole on every change. */
export class Grants {
  private readonly byId: Map<string, Grant>;

  constructor(private readonly file: string) {
    const stored = readJsonFile<{ grants: Grant[] }>(file, { grants: [] });
    this.byId = new Map(stored.grants.map((g) => [g.id, g]));
  }

  list(): Grant[] {
    return [...this.byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  get(account: string, userId: string): Grant | undefined {
    return this.byId.get(`${account}/${userId}`);
  }

  /** Sets a grant; true when it changed. */
  set(grant: Grant): boolean {
    const changed = JSON.stringify(this.byId.get(grant.id)) !== JSON.stringify(grant);
    if (changed) {
      this.byId.set(grant.id, grant);
      this.save();
    }
    return changed;
  }

  /** Revokes everything the person had (the grant is removed). */
  revoke(account: string, userId: string): void {
    if (this.byId.delete(`${account}/${userId}`)) this.save();
  }

  /** Makes the account's grants exactly `grants`; returns how many were set or revoked. */
  reconcile(account: string, grants: readonly Grant[]): number {
    let changed = 0;
    const keep = new Set(grants.map((g) => g.id));
    for (const grant of grants) if (this.set(grant)) changed++;
    for (const existing of this.list())
      if (existing.integrated_account_id === account && !keep.has(existing.id)) {
        this.revoke(account, existing.user_id);
        changed++;
      }
    return changed;
  }

  private save(): void {
    writeJsonFile(this.file, { grants: this.list() });
  }
}
