import { z } from "zod";
import { parsePayload } from "../../core/provider/parse-records.ts";

/**
 * PagerDuty's raw payloads (reference/pagerduty-api.md §1.2–§1.5 and the official OpenAPI 3 spec). Objects
 * are loose: unknown fields pass through, so the parsed value is the record as received and serves as
 * `remote_data`. Identity fields a mapper relies on (ids, a user's name and e-mail, a team's name, a
 * license's name) are required, so drift fails loudly; nothing here adds defaults or transforms.
 */

/** A reference (`user_reference`, `team_reference`, ...) or the full object when `include[]` asked for it. */
const referenceSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().optional(),
  summary: z.string().nullish(),
  self: z.string().nullish(),
  html_url: z.string().nullish(),
});

/** A team as `GET /users?include[]=teams` embeds it: a reference, or the team with its `name`. */
const userTeamSchema = referenceSchema.extend({ name: z.string().optional() });
export type PagerdutyUserTeam = z.infer<typeof userTeamSchema>;

/**
 * A contact method: a `*_contact_method_reference` (no address) in a plain user, the full method with
 * `include[]=contact_methods` or from `/users/{id}/contact_methods`. Phones carry `country_code`.
 */
const contactMethodSchema = z.looseObject({
  id: z.string().optional(),
  type: z.string().min(1),
  label: z.string().optional(),
  address: z.string().optional(),
  country_code: z.number().int().optional(),
});
export type PagerdutyContactMethod = z.infer<typeof contactMethodSchema>;

/** A user (`GET /users` item, `{user}` of `GET /users/{id}`). `role` stays a string: a new role must not fail a list. */
export const pagerdutyUserSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().optional(),
  name: z.string(),
  email: z.string().min(1),
  time_zone: z.string().nullish(),
  color: z.string().nullish(),
  role: z.string().optional(),
  avatar_url: z.string().nullish(),
  description: z.string().nullish(),
  invitation_sent: z.boolean().optional(),
  job_title: z.string().nullish(),
  created_via_sso: z.boolean().optional(),
  teams: z.array(userTeamSchema).optional(),
  contact_methods: z.array(contactMethodSchema).optional(),
});
export type PagerdutyUser = z.infer<typeof pagerdutyUserSchema>;

export const pagerdutyUserResponseSchema = z.looseObject({ user: pagerdutyUserSchema });

/** A team (`GET /teams` item, `{team}` of `GET /teams/{id}`). */
export const pagerdutyTeamSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().optional(),
  name: z.string().min(1),
  description: z.string().nullish(),
  default_role: z.string().optional(),
});
export type PagerdutyTeam = z.infer<typeof pagerdutyTeamSchema>;

export const pagerdutyTeamResponseSchema = z.looseObject({ team: pagerdutyTeamSchema });

/**
 * A member of `GET /teams/{id}/members`: `user` is a `user_reference`, or the user with its `email` when the
 * call sent `include[]=users`; `role` is the team role (manager, responder, observer).
 */
export const pagerdutyTeamMemberSchema = z.looseObject({
  user: referenceSchema.extend({ email: z.string().optional(), name: z.string().optional() }),
  role: z.string().optional(),
});
export type PagerdutyTeamMember = z.infer<typeof pagerdutyTeamMemberSchema>;

/** A license of `GET /licenses` (LicenseWithCounts): seats in use and seats still free (null: no limit). */
export const pagerdutyLicenseSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().optional(),
  name: z.string(),
  description: z.string().nullish(),
  valid_roles: z.array(z.string()).optional(),
  role_group: z.string().optional(),
  current_value: z.number().int().nonnegative().optional(),
  allocations_available: z.number().int().nonnegative().nullish(),
});
export type PagerdutyLicense = z.infer<typeof pagerdutyLicenseSchema>;

export const pagerdutyLicenseListResponseSchema = z.looseObject({
  licenses: z.array(pagerdutyLicenseSchema),
});

/** PagerDuty's error envelope; `errors` has been seen as one string instead of a list (go-pagerduty #339). */
export const pagerdutyErrorSchema = z.looseObject({
  error: z.looseObject({
    message: z.string().optional(),
    code: z.number().int().optional(),
    errors: z.union([z.array(z.string()), z.string()]).optional(),
  }),
});

/**
 * Parses a PagerDuty payload, or throws AppError `remote_error` naming what was expected and where it
 * differed (never a half-mapped record).
 */
export function parsePagerdutyPayload<T extends z.ZodType>(
  schema: T,
  payload: unknown,
  what: string,
): z.output<T> {
  return parsePayload("PagerDuty", schema, payload, what);
}
