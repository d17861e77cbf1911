import type { ProviderClient } from "../../core/provider/contract.ts";
import { parseRecords } from "../../core/provider/parse-records.ts";
import { adminUsersOf, DIRECTORY_SHARE_MS } from "./admin-users.ts";
import { jsmUserSchema } from "./schemas.ts";
import { jiraPeople } from "./unified/user-records.ts";

/**
 * accountId → e-mail of every person whose e-mail Roster can know: Jira's when visible, else the org admin
 * API's (managed accounts, when the account has an admin key). Team members come as bare accountIds, so
 * this is how their `username` is filled. Reading it walks every Jira users page (plus the admin directory
 * when configured), so it is read once per session and shared by the account's live requests for
 * `DIRECTORY_SHARE_MS` (a minute): a person added (or whose e-mail changed) within the last minute may show as
 * a member without (or with the former) e-mail until then. A sync run reads it afresh.
 */
export function knownEmailsOf(call: ProviderClient): Promise<Map<string, string>> {
  return call.remember("known-emails", readKnownEmails, { shareForMs: DIRECTORY_SHARE_MS });
}

async function readKnownEmails(call: ProviderClient): Promise<Map<string, string>> {
  const [items, admin] = await Promise.all([call.collect(jiraPeople, 1000), adminUsersOf(call)]);
  const emails = new Map<string, string>();
  for (const [id, user] of admin ?? []) if (user.email) emails.set(id, user.email);
  for (const user of parseRecords(jsmUserSchema, items, "user", { idField: "accountId" }).records)
    if (user.emailAddress) emails.set(user.accountId, user.emailAddress);
  return emails;
}
