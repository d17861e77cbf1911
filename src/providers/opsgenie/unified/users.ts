import type { User } from "../../../core/models/index.ts";
import type {
  ListParams,
  ProviderClient,
  UnifiedResourceOps,
  Warning,
} from "../../../core/provider/contract.ts";
import { readListedRecord } from "../../../core/provider/listed-detail.ts";
import { parseRecord, parseRecords } from "../../../core/provider/parse-records.ts";
import { slicePage } from "../../../core/provider/slice-page.ts";
import { domains } from "../domains.ts";
import { mapUser } from "../mappers.ts";
import { offsetPaging } from "../paging.ts";
import {
  opsgenieRawSingleResponseSchema,
  opsgenieTeamResponseSchema,
  opsgenieUserResponseSchema,
  opsgenieUserSchema,
  opsgenieUserTeamsResponseSchema,
  parseOpsgeniePayload,
} from "../schemas.ts";

/** How many member users a `group_id` page fetches at once (each is one call under the pacer). */
const MEMBER_FETCH_CONCURRENCY = 8;

export const users: UnifiedResourceOps<User> = {
  defaultLimit: 100,
  filters: ["email", "group_id"],

  async list(call, params) {
    if (params.filters.group_id !== undefined) return listTeamMembers(call, params, params.filters.group_id);
    const email = params.filters.email;
    const page = await call.page(
      {
        path: "/v2/users",
        // Opsgenie's default sort is the username; it is stated so offsets stay stable between pages.
        query: { sort: "username", order: "asc", ...(email ? { query: `username:${email}` } : {}) },
        domain: domains.search,
        resource: "users",
        pagination: offsetPaging,
      },
      params.position,
      params.limit,
    );
    const parsed = parseRecords(opsgenieUserSchema, page.items, "user");
    let records = parsed.records.map((raw) => mapUser(raw));
    // Opsgenie's query matches loosely; the unified filter is an exact (case-insensitive) e-mail match.
    if (email) records = records.filter((u) => u.username?.toLowerCase() === email.toLowerCase());
    return { records, next: page.next, total: page.total, warnings: parsed.warnings };
  },

  async get(call, id) {
    const path = `/v2/users/${encodeURIComponent(id)}`;
    const [user, teams] = await Promise.all([
      call.request({ path, query: { expand: "contact" }, domain: domains.configuration, resource: "users" }),
      call.request({ path: `${path}/teams`, domain: domains.configuration, resource: "user-teams" }),
    ]);
    const raw = parseOpsgeniePayload(opsgenieUserResponseSchema, user.body, "user").data;
    const teamList = parseOpsgeniePayload(opsgenieUserTeamsResponseSchema, teams.body, "user teams").data;
    return mapUser(raw, { teams: teamList });
  },
};

/** Users of one team: the team's member list, sliced into pages, each member read in full. */
async function listTeamMembers(call: ProviderClient, params: ListParams, teamId: string) {
  const team = await call.request({
    path: `/v2/teams/${encodeURIComponent(teamId)}`,
    query: { identifierType: "id" },
    domain: domains.configuration,
    resource: "teams",
  });
  const members = parseOpsgeniePayload(opsgenieTeamResponseSchema, team.body, "team").data.members ?? [];
  const slice = slicePage(members, params.position, params.limit);
  const details = await call.mapBounded(slice.items, MEMBER_FETCH_CONCURRENCY, ({ user: { id } }) =>
    readListedRecord("user", id, async () => {
      const res = await call.request({
        path: `/v2/users/${encodeURIComponent(id)}`,
        domain: domains.configuration,
        resource: "users",
      });
      const data = parseOpsgeniePayload(opsgenieRawSingleResponseSchema, res.body, "user").data;
      return parseRecord(opsgenieUserSchema, data, "user", { id });
    }),
  );
  const records: User[] = [];
  const warnings: Warning[] = [];
  for (const detail of details) {
    if (detail.ok) records.push(mapUser(detail.value));
    else warnings.push(detail.warning);
  }
  const filtered = params.filters.email
    ? records.filter((u) => u.username?.toLowerCase() === params.filters.email?.toLowerCase())
    : records;
  return { records: filtered, next: slice.next, warnings };
}
