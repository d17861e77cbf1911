import type { User } from "../../../core/models/index.ts";
import type {
  ListParams,
  ProviderClient,
  QueryValues,
  UnifiedResourceOps,
} from "../../../core/provider/contract.ts";
import { parseRecords } from "../../../core/provider/parse-records.ts";
import { domains } from "../domains.ts";
import { mapUser } from "../mappers.ts";
import { narrowedPaging, offsetPaging } from "../paging.ts";
import { pagerdutyUserResponseSchema, pagerdutyUserSchema, parsePagerdutyPayload } from "../schemas.ts";

/** Every list reads the user's teams too (they become `groups`); a get reads the contact methods as well. */
const listIncludes = ["teams"];
const getIncludes = ["contact_methods", "teams"];

/**
 * Users: `GET /users` with `include[]=teams`, read past PagerDuty's 10,000 ceiling by narrowing on `query`.
 * Filters: `group_id` (`team_ids[]`) and `email` (exact, case-insensitive; see `listByEmail`).
 */
export const users: UnifiedResourceOps<User> = {
  defaultLimit: 100,
  maxLimit: 100,
  filters: ["email", "group_id"],

  async list(call, params) {
    const query = baseQuery(params);
    if (params.filters.email !== undefined) return listByEmail(call, params, query, params.filters.email);
    const page = await call.page(
      { path: "/users", query, domain: domains.rest, resource: "users", pagination: narrowedPaging("users") },
      params.position,
      params.limit,
    );
    const parsed = parseRecords(pagerdutyUserSchema, page.items, "user");
    return {
      records: parsed.records.map((user) => mapUser(user)),
      next: page.next,
      truncated: page.truncated,
      warnings: parsed.warnings,
    };
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

function baseQuery(params: ListParams): QueryValues {
  const query: QueryValues = { "include[]": listIncludes };
  if (params.filters.group_id !== undefined) query["team_ids[]"] = [params.filters.group_id];
  return query;
}

/** Users read by e-mail, a malformed one left out with its warning. */
function toUsers(items: readonly unknown[]) {
  const parsed = parseRecords(pagerdutyUserSchema, items, "user");
  return { records: parsed.records.map((user) => mapUser(user)), warnings: parsed.warnings };
}

/**
 * The user with this e-mail (PagerDuty keeps e-mails unique, so at most one). First `query=<email>`: the
 * real API matches e-mails there too, so this one narrow read usually finds the user. The documented
 * contract only promises name matches [unverified], so when it finds nobody the whole list is walked with
 * the engine keeping only the exact match; that walk ends at the match, and its positions make the cursors.
 */
async function listByEmail(call: ProviderClient, params: ListParams, query: QueryValues, email: string) {
  const wanted = email.toLowerCase();
  const exact = (item: unknown) => {
    const value = (item as { email?: unknown } | null)?.email;
    return typeof value === "string" && value.toLowerCase() === wanted;
  };
  if (params.position === null) {
    const narrowed = await call.collect(
      {
        path: "/users",
        query: { ...query, query: email },
        domain: domains.rest,
        resource: "users",
        pagination: offsetPaging("users"),
        keep: exact,
      },
      100,
    );
    if (narrowed.length > 0) return { ...toUsers(narrowed), next: null };
  }
  const page = await call.page(
    {
      path: "/users",
      query,
      domain: domains.rest,
      resource: "users",
      pagination: narrowedPaging("users"),
      keep: exact,
    },
    params.position,
    params.limit,
  );
  if (page.items.length > 0) return { ...toUsers(page.items), next: null };
  return { records: [], next: page.next, truncated: page.truncated };
}
