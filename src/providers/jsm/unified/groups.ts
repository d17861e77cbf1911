import { AppError } from "../../../core/errors.ts";
import type { Group } from "../../../core/models/index.ts";
import {
  type ProviderClient,
  ProviderHttpError,
  type UnifiedResourceOps,
  type Warning,
} from "../../../core/provider/contract.ts";
import { readListedRecord } from "../../../core/provider/listed-detail.ts";
import { parseRecord, parseRecords, parseSubRecords } from "../../../core/provider/parse-records.ts";
import { slicePage } from "../../../core/provider/slice-page.ts";
import { resourceNotPermitted } from "../../../core/provider/warnings.ts";
import { cloudIdOf, opsPath, teamsPath } from "../discovery.ts";
import { domains, hosts } from "../domains.ts";
import { knownEmailsOf } from "../known-emails.ts";
import { mapGroup } from "../mappers.ts";
import { teamMembersPaging } from "../paging.ts";
import {
  type JsmOpsTeam,
  jsmOpsTeamListSchema,
  jsmOpsTeamSchema,
  jsmPlatformTeamSchema,
  jsmTeamMemberSchema,
  parseJsmPayload,
} from "../schemas.ts";

const OAUTH_NO_TEAMS =
  "Atlassian's Teams API takes no OAuth (3LO) scope; connect with an API token to read team members";

/** Teams whose details are read at once (each is one or more paced calls). */
const DETAIL_CONCURRENCY = 4;

/**
 * Groups: the ops-enabled teams (`GET /jsm/ops/api/{cloudId}/v1/teams`, unpaged, sliced by Roster), each with
 * its description from the Teams API (`GET …/teams/{teamId}`); members (`POST …/teams/{teamId}/members`) on a
 * get and with `include=members`. A team deleted between the two reads (404, or 410 for a deleted team) is
 * left out with `record_vanished`. Member usernames are the members' e-mails where known (see known-emails.ts).
 * An OAuth (3LO) account cannot reach the Teams API: its groups have no description, and members asked for
 * are named in a `resource_not_permitted` warning (a `get` answers the team without members).
 */
export const groups: UnifiedResourceOps<Group> = {
  defaultLimit: 50,
  maxLimit: 100,
  includes: ["members"],

  async list(call, params) {
    const parsed = parseRecords(jsmOpsTeamSchema, await opsTeams(call), "team", { idField: "teamId" });
    const page = slicePage(parsed.records, params.position, params.limit);
    const warnings: Warning[] = [...parsed.warnings];
    if (call.authMethod === "oauth") {
      // No Teams API with 3LO: the ops teams are served as listed, their members named as left out.
      if (params.include.has("members")) warnings.push(resourceNotPermitted("team members", OAUTH_NO_TEAMS));
      return { records: page.items.map((team) => mapGroup(team)), next: page.next, warnings };
    }
    const withMembers = params.include.has("members");
    const emails = withMembers ? await knownEmailsOf(call) : undefined;
    const read = await call.mapBounded(page.items, DETAIL_CONCURRENCY, (team) =>
      readListedRecord("team", team.teamId, () => readTeam(call, team, withMembers, emails)),
    );
    const records: Group[] = [];
    for (const r of read) {
      if (r.ok) records.push(r.value);
      else warnings.push(r.warning);
    }
    return { records, next: page.next, warnings };
  },

  async get(call, id) {
    const team = (await opsTeams(call))
      .map((raw) => jsmOpsTeamSchema.safeParse(raw))
      .find((r) => r.success && r.data.teamId === id);
    if (!team?.success)
      throw new AppError("not_found", { message: `Jira Service Management has no operations team ${id}.` });
    if (call.authMethod === "oauth") return mapGroup(team.data);
    const read = await readTeam(call, team.data, true, await knownEmailsOf(call));
    if (!read.ok) throw new AppError("remote_error", { message: read.warning.message });
    return read.value;
  },
};

async function opsTeams(call: ProviderClient): Promise<unknown[]> {
  const res = await call.request({
    path: await opsPath(call, "/teams"),
    host: hosts.api,
    domain: domains.ops,
    resource: "teams",
  });
  return parseJsmPayload(jsmOpsTeamListSchema, res.body, "teams").platformTeams;
}

async function readTeam(
  call: ProviderClient,
  team: JsmOpsTeam,
  withMembers: boolean,
  emails: ReadonlyMap<string, string> | undefined,
) {
  const siteId = await cloudIdOf(call);
  const path = await teamsPath(call, `/teams/${encodeURIComponent(team.teamId)}`);
  const detailRead = call
    .request({ path, query: { siteId }, host: hosts.site, domain: domains.site, resource: "teams" })
    .catch((error) => {
      // 410 is the Teams API's word for a deleted team: the same as a 404 here.
      if (error instanceof ProviderHttpError && error.status === 410)
        throw new ProviderHttpError(404, error.body, error.headers);
      throw error;
    });
  const [detail, members] = await Promise.all([
    detailRead,
    withMembers
      ? call.collect(
          {
            method: "POST",
            path: `${path}/members`,
            query: { siteId },
            host: hosts.site,
            domain: domains.site,
            resource: "team-members",
            pagination: teamMembersPaging,
          },
          50,
        )
      : undefined,
  ]);
  const parsed = parseRecord(jsmPlatformTeamSchema, detail.body, "team", {
    idField: "teamId",
    id: team.teamId,
  });
  if (!parsed.ok) return parsed;
  if (!members) return { ok: true as const, value: mapGroup(team, parsed.value, undefined, emails) };
  const memberList = parseSubRecords(
    jsmTeamMemberSchema,
    members,
    { what: "team", id: team.teamId },
    "member",
  );
  if (!memberList.ok) return memberList;
  return { ok: true as const, value: mapGroup(team, parsed.value, memberList.value, emails) };
}
