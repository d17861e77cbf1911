import { AppError } from "../../../core/errors.ts";
import type { User } from "../../../core/models/index.ts";
import type { ProviderClient, UnifiedResourceOps, Warning } from "../../../core/provider/contract.ts";
import { parseRecords } from "../../../core/provider/parse-records.ts";
import { fieldHidden } from "../../../core/provider/warnings.ts";
import { adminUsersOf } from "../admin-users.ts";
import { domains, hosts } from "../domains.ts";
import { mapUser } from "../mappers.ts";
import { jiraUsersPaging } from "../paging.ts";
import { type JsmUser, jsmUserSchema, parseJsmPayload } from "../schemas.ts";

/** Only people: `app` (bots, Rovo agents), `customer` (portal-only) and `unknown` accounts are not directory users. */
export const isPerson = (item: unknown) =>
  (item as { accountType?: unknown } | null)?.accountType === "atlassian";

/**
 * Users: the site's Jira users (`GET /rest/api/3/users/search`, `startAt`/`maxResults`, read until an empty
 * page), people only. An e-mail hidden by privacy settings is taken from the org admin API when the account
 * has an admin key (managed accounts only); otherwise the user is served without it and a `field_hidden`
 * warning names it.
 */
export const users: UnifiedResourceOps<User> = {
  defaultLimit: 100,
  maxLimit: 1000,

  async list(call, params) {
    const page = await call.page(
      {
        path: "/rest/api/3/users/search",
        host: hosts.site,
        domain: domains.site,
        resource: "users",
        pagination: jiraUsersPaging,
        keep: isPerson,
      },
      params.position,
      params.limit,
    );
    const parsed = parseRecords(jsmUserSchema, page.items, "user", { idField: "accountId" });
    const { records, warnings } = await withEmails(call, parsed.records);
    return { records, next: page.next, warnings: [...parsed.warnings, ...warnings] };
  },

  async get(call, id) {
    const res = await call.request({
      path: "/rest/api/3/user",
      query: { accountId: id },
      host: hosts.site,
      domain: domains.site,
      resource: "users",
    });
    const raw = parseJsmPayload(jsmUserSchema, res.body, "user");
    // The list serves people only; anything else (an app, a portal customer) is no directory user.
    if (!isPerson(raw))
      throw new AppError("not_found", {
        message: `Jira Service Management has no user ${id} (not a person's account).`,
      });
    return (await withEmails(call, [raw])).records[0] as User;
  },
};

const HIDDEN_EMAIL = "the person's profile visibility hides it from the API token's account";

/** Maps users, filling hidden e-mails from the admin API when it is configured; warns for those still hidden. */
async function withEmails(
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
