import type { Group } from "../../../core/models/index.ts";
import type { ProviderClient, UnifiedResourceOps, Warning } from "../../../core/provider/contract.ts";
import { readListedRecord } from "../../../core/provider/listed-detail.ts";
import { parseRecord, parseRecords } from "../../../core/provider/parse-records.ts";
import { domains } from "../domains.ts";
import { mapGroup } from "../mappers.ts";
import { wholeList } from "../paging.ts";
import {
  opsgenieRawSingleResponseSchema,
  opsgenieTeamResponseSchema,
  opsgenieTeamSchema,
  parseOpsgeniePayload,
} from "../schemas.ts";

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
    const listed = parseRecords(opsgenieTeamSchema, page.items, "team");
    if (!params.include.has("members"))
      return {
        records: listed.records.map((t) => mapGroup(t, "list")),
        next: page.next,
        total: page.total,
        warnings: listed.warnings,
      };
    const details = await call.mapBounded(listed.records, TEAM_FETCH_CONCURRENCY, (team) =>
      readListedRecord("team", team.id, async () => {
        const body = (await requestTeam(call, team.id)).body;
        const data = parseOpsgeniePayload(opsgenieRawSingleResponseSchema, body, "team").data;
        return parseRecord(opsgenieTeamSchema, data, "team", { id: team.id });
      }),
    );
    const records: Group[] = [];
    const warnings: Warning[] = [...listed.warnings];
    for (const detail of details) {
      if (detail.ok) records.push(mapGroup(detail.value, "full"));
      else warnings.push(detail.warning);
    }
    return { records, next: page.next, total: page.total, warnings };
  },

  async get(call, id) {
    const res = await requestTeam(call, id);
    return mapGroup(parseOpsgeniePayload(opsgenieTeamResponseSchema, res.body, "team").data, "full");
  },
};

function requestTeam(call: ProviderClient, id: string) {
  return call.request({
    path: `/v2/teams/${encodeURIComponent(id)}`,
    query: { identifierType: "id" },
    domain: domains.configuration,
    resource: "teams",
  });
}
