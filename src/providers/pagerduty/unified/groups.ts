import type { Group } from "../../../core/models/index.ts";
import type { ProviderClient, UnifiedResourceOps } from "../../../core/provider/contract.ts";
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
    const teams = page.items.map((item) => parsePagerdutyPayload(pagerdutyTeamSchema, item, "team"));
    const records = params.include.has("members")
      ? await call.mapBounded(teams, MEMBER_FETCH_CONCURRENCY, async (team) =>
          mapGroup(team, await teamMembers(call, team.id)),
        )
      : teams.map((team) => mapGroup(team));
    return { records, next: page.next, truncated: page.truncated };
  },

  async get(call, id) {
    const [res, members] = await Promise.all([
      call.request({ path: `/teams/${encodeURIComponent(id)}`, domain: domains.rest, resource: "teams" }),
      teamMembers(call, id),
    ]);
    return mapGroup(parsePagerdutyPayload(pagerdutyTeamResponseSchema, res.body, "team").team, members);
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
  return items.map((item) => parsePagerdutyPayload(pagerdutyTeamMemberSchema, item, "team member"));
}
