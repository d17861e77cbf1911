import type { Group } from "../../../core/models/index.ts";
import type { UnifiedResourceOps } from "../../../core/provider/contract.ts";
import { domains } from "../domains.ts";
import { mapGroup } from "../mappers.ts";
import { wholeList } from "../paging.ts";
import { opsgenieTeamResponseSchema, opsgenieTeamSchema, parseOpsgeniePayload } from "../schemas.ts";

/** Teams fetched at once for `include=members` (Opsgenie's team list carries no members). */
const TEAM_FETCH_CONCURRENCY = 8;

export const groups: UnifiedResourceOps<Group> = {
  defaultLimit: 100,
  includes: ["members"],

  async list(call, params) {
    const page = await call.page(
      { path: "/v2/teams", domain: domains.configuration, resource: "teams", pagination: wholeList },
      params.position,
      params.limit,
    );
    const teams = page.items.map((item) => parseOpsgeniePayload(opsgenieTeamSchema, item, "team"));
    if (!params.include.has("members"))
      return { records: teams.map((t) => mapGroup(t, "list")), next: page.next, total: page.total };
    const records = await call.mapBounded(teams, TEAM_FETCH_CONCURRENCY, (team) => getTeam(call, team.id));
    return { records, next: page.next, total: page.total };
  },

  get: (call, id) => getTeam(call, id),
};

async function getTeam(call: Parameters<UnifiedResourceOps["get"]>[0], id: string) {
  const res = await call.request({
    path: `/v2/teams/${encodeURIComponent(id)}`,
    query: { identifierType: "id" },
    domain: domains.configuration,
    resource: "teams",
  });
  return mapGroup(parseOpsgeniePayload(opsgenieTeamResponseSchema, res.body, "team").data, "full");
}
