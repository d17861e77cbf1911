import type { ProviderClient } from "../../core/provider/contract.ts";
import { parseRecords } from "../../core/provider/parse-records.ts";
import { siteIdsOf } from "./discovery.ts";
import { domains, hosts } from "./domains.ts";
import { adminUsersPaging } from "./paging.ts";
import { type JsmAdminUser, jsmAdminUserSchema } from "./schemas.ts";

/** The org admin API takes its own key, not the account's Basic credentials. */
export const adminAuth = {
  kind: "header",
  header: "authorization",
  template: "Bearer {admin_api_key}",
} as const;

const cache = new WeakMap<ProviderClient, Promise<Map<string, JsmAdminUser>>>();

/**
 * The organization's managed accounts by accountId (`GET /admin/v1/orgs/{orgId}/users`, every page), read
 * once per session; undefined when the account has no org admin API key. Throws `ProviderHttpError` on a
 * refusal (e.g. a revoked key).
 */
export async function adminUsersOf(call: ProviderClient): Promise<Map<string, JsmAdminUser> | undefined> {
  if (!call.hasCredential("admin_api_key")) return undefined;
  let users = cache.get(call);
  if (!users) {
    users = readAdminUsers(call);
    cache.set(call, users);
    users.catch(() => cache.delete(call));
  }
  return users;
}

async function readAdminUsers(call: ProviderClient): Promise<Map<string, JsmAdminUser>> {
  const { orgId } = await siteIdsOf(call);
  const items = await call.collect(
    {
      path: `/admin/v1/orgs/${encodeURIComponent(orgId)}/users`,
      host: hosts.api,
      auth: adminAuth,
      domain: domains.admin,
      resource: "admin-users",
      pagination: adminUsersPaging,
    },
    100,
  );
  // A malformed admin record only loses its e-mail fallback; the Jira user is still served.
  const { records } = parseRecords(jsmAdminUserSchema, items, "org user", { idField: "account_id" });
  return new Map(records.map((u) => [u.account_id, u]));
}
