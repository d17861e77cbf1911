import type { User } from "../../../core/models/index.ts";
import type { ListParams, ProviderClient, UnifiedPage, Warning } from "../../../core/provider/contract.ts";
import { readListedRecord } from "../../../core/provider/listed-detail.ts";
import { parseRecord, parseRecords } from "../../../core/provider/parse-records.ts";
import { slicePage } from "../../../core/provider/slice-page.ts";
import { adminUsersOf } from "../admin-users.ts";
import { cloudIdOf, teamsPath } from "../discovery.ts";
import { domains, hosts } from "../domains.ts";
import { jiraUsersPaging, teamMembersPaging } from "../paging.ts";
import { jsmTeamMemberSchema, jsmUserSchema } from "../schemas.ts";
import { isPerson, userPage, withEmails } from "./user-records.ts";

/** Member accounts read at once for `group_id` (one paced call each). */
const MEMBER_READ_CONCURRENCY = 4;

/**
 * `email`: Jira's `GET /rest/api/3/user/search?query=<email>` (it matches display names too, and a hidden
 * e-mail only exactly), keeping people whose e-mail is the one asked (case-insensitive): Jira's visible
 * e-mail, else the admin API's. A hidden e-mail the admin API cannot confirm is trusted only when the
 * display name does not contain the query, i.e. when the match can only have been on the e-mail.
 */
export async function listByEmail(
  call: ProviderClient,
  params: ListParams,
  email: string,
): Promise<UnifiedPage<User>> {
  const wanted = email.trim().toLowerCase();
  const admin = await adminUsersOf(call);
  const exact = (item: unknown) => {
    if (!isPerson(item)) return false;
    const user = item as { accountId?: unknown; emailAddress?: unknown; displayName?: unknown };
    if (typeof user.emailAddress === "string" && user.emailAddress !== "")
      return user.emailAddress.toLowerCase() === wanted;
    const confirmed = typeof user.accountId === "string" ? admin?.get(user.accountId)?.email : undefined;
    if (confirmed) return confirmed.toLowerCase() === wanted;
    const name = typeof user.displayName === "string" ? user.displayName.toLowerCase() : "";
    return !name.includes(wanted);
  };
  const page = await call.page(
    {
      path: "/rest/api/3/user/search",
      query: { query: email.trim() },
      host: hosts.site,
      domain: domains.site,
      resource: "users",
      pagination: jiraUsersPaging,
      keep: exact,
    },
    params.position,
    params.limit,
  );
  return userPage(call, page);
}

/**
 * `group_id`: the team's members (Teams API), each read as a Jira user (`GET /rest/api/3/user`), a page of
 * members at a time. A member deleted meanwhile is left out with `record_vanished`; an account that is
 * not a person (an app added to a team) is left out as the users list leaves it out.
 */
export async function listByGroup(
  call: ProviderClient,
  params: ListParams,
  teamId: string,
): Promise<UnifiedPage<User>> {
  const siteId = await cloudIdOf(call);
  const members = await call.collect(
    {
      method: "POST",
      path: await teamsPath(call, `/teams/${encodeURIComponent(teamId)}/members`),
      query: { siteId },
      host: hosts.site,
      domain: domains.site,
      resource: "team-members",
      pagination: teamMembersPaging,
    },
    50,
  );
  const ids = parseRecords(jsmTeamMemberSchema, members, "team member").records.map((m) => m.accountId);
  const page = slicePage(ids, params.position, params.limit);
  const read = await call.mapBounded(page.items, MEMBER_READ_CONCURRENCY, (id) =>
    readListedRecord("user", id, async () => {
      const res = await call.request({
        path: "/rest/api/3/user",
        query: { accountId: id },
        host: hosts.site,
        domain: domains.site,
        resource: "users",
      });
      return parseRecord(jsmUserSchema, res.body, "user", { idField: "accountId", id });
    }),
  );
  const warnings: Warning[] = [];
  const raws = [];
  for (const r of read) {
    if (!r.ok) warnings.push(r.warning);
    else if (isPerson(r.value)) raws.push(r.value);
  }
  const mapped = await withEmails(call, raws);
  return { records: mapped.records, next: page.next, warnings: [...warnings, ...mapped.warnings] };
}
