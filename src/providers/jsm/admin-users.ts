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

/**
 * How long a live request may reuse the directory (admin users, known e-mails) a recent request of the same
 * account read, in ms: a person added within it may be missed (or miss an e-mail) until it passes.
 */
export const DIRECTORY_SHARE_MS = 60_000;

/**
 * The organization's managed accounts by accountId (`GET /admin/v1/orgs/{orgId}/users`, every page), read
 * once per session and shared by the account's live requests for `DIRECTORY_SHARE_MS` (a minute: an account
 * added within it may be missing until then); undefined when the account has no org admin API key. Throws
 * `ProviderHttpError` on a refusal (e.g. a revoked key).
 */
export async function adminUsersOf(call: ProviderClient): Promise<Map<string, JsmAdminUser> | undefined> {
  if (!call.hasCredential("admin_api_key")) return undefined;
  return call.remember("admin-users", readAdminUsers, { shareForMs: DIRECTORY_SHARE_MS });
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
