import type { ProviderClient } from "../../core/provider/contract.ts";
import { parseRecords } from "../../core/provider/parse-records.ts";
import { adminUsersOf } from "./admin-users.ts";
import { jsmUserSchema } from "./schemas.ts";
import { jiraPeople } from "./unified/user-records.ts";

const cache = new WeakMap<ProviderClient, Promise<Map<string, string>>>();

/**
 * accountId → e-mail of every person whose e-mail Roster can know: Jira's when visible, else the org admin
 * API's (managed accounts, when the account has an admin key). Team members come as bare accountIds, so
 * this is how their `username` is filled; read once per session (every Jira users page, plus the admin
 * directory when configured).
 */
export function knownEmailsOf(call: ProviderClient): Promise<Map<string, string>> {
  let emails = cache.get(call);
  if (!emails) {
    emails = readKnownEmails(call);
    cache.set(call, emails);
    emails.catch(() => cache.delete(call));
  }
  return emails;
}

async function readKnownEmails(call: ProviderClient): Promise<Map<string, string>> {
  const [items, admin] = await Promise.all([call.collect(jiraPeople, 1000), adminUsersOf(call)]);
  const emails = new Map<string, string>();
  for (const [id, user] of admin ?? []) if (user.email) emails.set(id, user.email);
  for (const user of parseRecords(jsmUserSchema, items, "user", { idField: "accountId" }).records)
    if (user.emailAddress) emails.set(user.accountId, user.emailAddress);
  return emails;
}
