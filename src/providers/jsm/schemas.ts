import { z } from "zod";
import { parsePayload } from "../../core/provider/parse-records.ts";

/**
 * Raw payloads of the APIs a JSM Operations directory is composed from (reference/jsm-ops-api.md §3–§4):
 * Jira platform users and application roles, JSM Ops teams and custom roles, the Atlassian Teams API and the
 * org admin API. Objects are loose: unknown fields pass through, so the parsed value is the record as
 * received and serves as `remote_data`. Identity fields a mapper relies on are required.
 */

/** `GET /_edge/tenant_info` (no auth). */
export const jsmTenantInfoSchema = z.looseObject({ cloudId: z.string().min(1) });

/** `POST /gateway/api/graphql` `tenantContexts` (errors arrive as 200 with `errors[]`). */
export const jsmTenantContextsSchema = z.looseObject({
  data: z
    .looseObject({
      tenantContexts: z
        .array(z.looseObject({ cloudId: z.string().nullish(), orgId: z.string().nullish() }).nullable())
        .nullish(),
    })
    .nullish(),
  errors: z.array(z.looseObject({ message: z.string().optional() })).optional(),
});

/** A Jira user (`GET /rest/api/3/users/search` item). `accountType` stays a string: a new type must not fail a list. */
export const jsmUserSchema = z.looseObject({
  accountId: z.string().min(1),
  accountType: z.string().optional(),
  emailAddress: z.string().nullish(),
  displayName: z.string().nullish(),
  active: z.boolean(),
  timeZone: z.string().nullish(),
  locale: z.string().nullish(),
  avatarUrls: z.record(z.string(), z.string()).nullish(),
});
export type JsmUser = z.infer<typeof jsmUserSchema>;

/** An org admin API user (`GET /admin/v1/orgs/{orgId}/users` `data[]`): managed accounts only. */
export const jsmAdminUserSchema = z.looseObject({
  account_id: z.string().min(1),
  account_status: z.string().optional(),
  email: z.string().nullish(),
});
export type JsmAdminUser = z.infer<typeof jsmAdminUserSchema>;

/** An ops-enabled team (`GET /jsm/ops/api/{cloudId}/v1/teams` `platformTeams[]`). */
export const jsmOpsTeamSchema = z.looseObject({ teamId: z.string().min(1), teamName: z.string() });
export type JsmOpsTeam = z.infer<typeof jsmOpsTeamSchema>;
export const jsmOpsTeamListSchema = z.looseObject({ platformTeams: z.array(z.unknown()) });

/** A platform team of the Teams API (`GET …/teams/{teamId}`). */
export const jsmPlatformTeamSchema = z.looseObject({
  teamId: z.string().min(1),
  displayName: z.string().nullish(),
  description: z.string().nullish(),
});
export type JsmPlatformTeam = z.infer<typeof jsmPlatformTeamSchema>;

/** A team member (`POST …/teams/{teamId}/members` `results[]`): a bare accountId, no role, name or e-mail. */
export const jsmTeamMemberSchema = z.looseObject({ accountId: z.string().min(1) });
export type JsmTeamMember = z.infer<typeof jsmTeamMemberSchema>;

/** A custom global role: a summary from `GET /v1/roles`, the whole role from `GET /v1/roles/{id}`. */
export const jsmCustomRoleSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  extendedRole: z.string().nullish(),
  grantedRights: z.array(z.string()).optional(),
  disallowedRights: z.array(z.string()).optional(),
});
export type JsmCustomRole = z.infer<typeof jsmCustomRoleSchema>;

/** `GET /rest/api/3/applicationrole/{key}`: the seats of one product. */
export const jsmApplicationRoleSchema = z.looseObject({
  key: z.string().min(1),
  name: z.string(),
  numberOfSeats: z.number().int().nullish(),
  remainingSeats: z.number().int().nullish(),
  userCount: z.number().int().nullish(),
  hasUnlimitedSeats: z.boolean().nullish(),
});
export type JsmApplicationRole = z.infer<typeof jsmApplicationRoleSchema>;

/** Parses a whole payload or throws AppError `remote_error` naming the failing field (the answer would be wrong). */
export function parseJsmPayload<T extends z.ZodType>(schema: T, payload: unknown, what: string): z.output<T> {
  return parsePayload("Jira Service Management", schema, payload, what);
}
