import type { User } from "../../../core/models/index.ts";
import type {
  PageSpec,
  ProviderClient,
  ProviderPage,
  UnifiedPage,
  Warning,
} from "../../../core/provider/contract.ts";
import { parseRecords } from "../../../core/provider/parse-records.ts";
import { fieldHidden } from "../../../core/provider/warnings.ts";
import { adminUsersOf } from "../admin-users.ts";
import { domains, hosts } from "../domains.ts";
import { mapUser } from "../mappers.ts";
import { jiraUsersPaging } from "../paging.ts";
import { type JsmUser, jsmUserSchema } from "../schemas.ts";

/** Only people: `app` (bots, Rovo agents), `customer` (portal-only) and `unknown` accounts are not directory users. */
export const isPerson = (item: unknown) =>
  (item as { accountType?: unknown } | null)?.accountType === "atlassian";

/** The site's Jira users, people only: the list the users resource and the e-mail index walk. */
export const jiraPeople = {
  path: "/rest/api/3/users/search",
  host: hosts.site,
  domain: domains.site,
  resource: "users",
  pagination: jiraUsersPaging,
  keep: isPerson,
} satisfies PageSpec;

/** A page of raw Jira users as unified users: malformed ones and hidden e-mails are named in `warnings`. */
export async function userPage(call: ProviderClient, page: ProviderPage): Promise<UnifiedPage<User>> {
  const parsed = parseRecords(jsmUserSchema, page.items, "user", { idField: "accountId" });
  const { records, warnings } = await withEmails(call, parsed.records);
  return { records, next: page.next, warnings: [...parsed.warnings, ...warnings] };
}

const HIDDEN_EMAIL = "the person's profile visibility hides it from the API token's account";

/** Maps users, filling hidden e-mails from the admin API when it is configured; warns for those still hidden. */
export async function withEmails(
  call: ProviderClient,
  raws: readonly JsmUser[],
): Promise<{ records: User[]; warnings: Warning[] }> {
  const hidden = raws.some((u) => !u.emailAddress);
  const admin = hidden ? await adminUsersOf(call) : undefined;
  const warnings: Warning[] = [];
  const records = raws.map((raw) => {
    const user = mapUser(raw, admin?.get(raw.accountId));
    if (!user.emails) {
      const why = admin
        ? `${HIDDEN_EMAIL}, and the org admin API does not list it (it is not a managed account).`
        : `${HIDDEN_EMAIL}; add an organization admin API key to the account to read managed accounts' e-mails.`;
      warnings.push(fieldHidden("user", raw.accountId, "e-mail", why));
    }
    return user;
  });
  return { records, warnings };
}
