import { AppError } from "../../../core/errors.ts";
import type { User } from "../../../core/models/index.ts";
import type { UnifiedResourceOps } from "../../../core/provider/contract.ts";
import { domains, hosts } from "../domains.ts";
import { jsmUserSchema, parseJsmPayload } from "../schemas.ts";
import { listByEmail, listByGroup } from "./user-filters.ts";
import { isPerson, jiraPeople, userPage, withEmails } from "./user-records.ts";

/**
 * Users: the site's Jira users (`GET /rest/api/3/users/search`, `startAt`/`maxResults`, read until an empty
 * page), people only. An e-mail hidden by privacy settings is taken from the org admin API when the account
 * has an admin key (managed accounts only); otherwise the user is served without it and a `field_hidden`
 * warning names it. Filters: `email` and `group_id` (./user-filters.ts).
 */
export const users: UnifiedResourceOps<User> = {
  defaultLimit: 100,
  maxLimit: 1000,
  filters: ["email", "group_id"],

  async list(call, params) {
    if (params.filters.email !== undefined) return listByEmail(call, params, params.filters.email);
    if (params.filters.group_id !== undefined) return listByGroup(call, params, params.filters.group_id);
    return userPage(call, await call.page(jiraPeople, params.position, params.limit));
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
