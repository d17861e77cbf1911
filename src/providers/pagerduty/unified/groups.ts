import { AppError } from "../../../core/errors.ts";
import type { Group } from "../../../core/models/index.ts";
import type { ProviderClient, UnifiedResourceOps } from "../../../core/provider/contract.ts";
import { readListedRecord } from "../../../core/provider/listed-detail.ts";
import { parseRecords, parseSubRecords } from "../../../core/provider/parse-records.ts";
import { domains } from "../domains.ts";
import { mapGroup } from "../mappers.ts";
import { narrowedPaging, offsetPaging } from "../paging.ts";
import {
  pagerdutyTeamMemberSchema,
  pagerdutyTeamResponseSchema,
  pagerdutyTeamSchema,
  parsePagerdutyPayload,
} from "../schemas.ts";

/** Teams whose members are read at once for `include=members` (each is one or more paced calls). */
const MEMBER_FETCH_CONCURRENCY = 8;

/**
 * Teams: `GET /teams` (narrowed past the ceiling like users). Members come from the paged
 * `/teams/{id}/members` with `include[]=users` (for their e-mails), collected by the engine; a get always
 * has them, a list with `include=members`.
 */
export const groups: UnifiedResourceOps<Group> = {
  defaultLimit: 100,
  maxLimit: 100,
  includes: ["members"],

  async list(call, params) {
    const page = await call.page(
      { path: "/teams", domain: domains.rest, resource: "teams", pagination: narrowedPaging("teams") },
      params.position,
      params.limit,
    );
    const teams = parseRecords(pagerdutyTeamSchema, page.items, "team");
    const warnings = [...teams.warnings];
    if (!params.include.has("members"))
      return {
        records: teams.records.map((team) => mapGroup(team)),
        next: page.next,
        truncated: page.truncated,
        warnings,
      };
    // A team deleted between the list and its members' read is a record_vanished warning, not a failed page.
    const read = await call.mapBounded(teams.records, MEMBER_FETCH_CONCURRENCY, (team) =>
      readListedRecord("team", team.id, async () => {
        const members = await teamMembers(call, team.id);
        return members.ok ? { ok: true as const, value: mapGroup(team, members.value) } : members;
      }),
    );
    const records: Group[] = [];
    for (const r of read) {
      if (r.ok) records.push(r.value);
      else warnings.push(r.warning);
    }
    return { records, next: page.next, truncated: page.truncated, warnings };
  },

  async get(call, id) {
    const [res, members] = await Promise.all([
      call.request({ path: `/teams/${encodeURIComponent(id)}`, domain: domains.rest, resource: "teams" }),
      teamMembers(call, id),
    ]);
    if (!members.ok) throw new AppError("remote_error", { message: members.warning.message });
    return mapGroup(parsePagerdutyPayload(pagerdutyTeamResponseSchema, res.body, "team").team, members.value);
  },
};

async function teamMembers(call: ProviderClient, teamId: string) {
  const items = await call.collect(
    {
      path: `/teams/${encodeURIComponent(teamId)}/members`,
      query: { "include[]": ["users"] },
      domain: domains.rest,
      resource: "team-members",
      pagination: offsetPaging("members"),
    },
    100,
  );
  return parseSubRecords(pagerdutyTeamMemberSchema, items, { what: "team", id: teamId }, "member");
}
