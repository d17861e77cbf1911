import type { User } from "../../../core/models/index.ts";
import type { QueryValues, UnifiedResourceOps } from "../../../core/provider/contract.ts";
import { domains } from "../domains.ts";
import { mapUser } from "../mappers.ts";
import { narrowedPaging, offsetPaging } from "../paging.ts";
import { pagerdutyUserResponseSchema, pagerdutyUserSchema, parsePagerdutyPayload } from "../schemas.ts";

/** Every list reads the user's teams too (they become `groups`); a get reads the contact methods as well. */
const listIncludes = ["teams"];
const getIncludes = ["contact_methods", "teams"];

/**
 * Users: `GET /users` with `include[]=teams`, read past PagerDuty's 10,000 ceiling by narrowing on `query`.
 * Filters: `group_id` (`team_ids[]`) and `email`, exact and case-insensitive: PagerDuty's `query` narrows
 * the list (it matches names, and e-mails too on PagerDuty itself) and Roster keeps the exact matches.
 */
export const users: UnifiedResourceOps<User> = {
  defaultLimit: 100,
  maxLimit: 100,
  filters: ["email", "group_id"],

  async list(call, params) {
    const { email, group_id: teamId } = params.filters;
    const query: QueryValues = { "include[]": listIncludes };
    if (teamId !== undefined) query["team_ids[]"] = [teamId];
    if (email !== undefined) query.query = email;
    const page = await call.page(
      {
        path: "/users",
        query,
        domain: domains.rest,
        resource: "users",
        // The caller's e-mail already takes `query`; such a list is far below the ceiling.
        pagination: email === undefined ? narrowedPaging("users") : offsetPaging("users"),
      },
      params.position,
      params.limit,
    );
    let records = page.items.map((item) => mapUser(parsePagerdutyPayload(pagerdutyUserSchema, item, "user")));
    if (email !== undefined)
      records = records.filter((u) => u.username?.toLowerCase() === email.toLowerCase());
    return { records, next: page.next, truncated: page.truncated };
  },

  async get(call, id) {
    const res = await call.request({
      path: `/users/${encodeURIComponent(id)}`,
      query: { "include[]": getIncludes },
      domain: domains.rest,
      resource: "users",
    });
    return mapUser(parsePagerdutyPayload(pagerdutyUserResponseSchema, res.body, "user").user);
  },
};
