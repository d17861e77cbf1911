import { z } from "zod";
import { parsePayload } from "../../core/provider/parse-records.ts";

/**
 * Opsgenie's raw payloads (reference/opsgenie-api.md §3–§8 and the official spec under
 * reference/opsgenie-oas/definitions). Objects are loose: unknown fields pass through untouched, so the
 * parsed value is the record as received and can serve as `remote_data`. Fields a mapper relies on for
 * identity (user id/username, team id/name, role id/name, account name/plan) are required, so drift
 * fails loudly instead of producing half-empty records. No schema here adds defaults or transforms.
 */

const timestamp = z.iso.datetime({ offset: true });

// ---------------------------------------------------------------- users (§3)

const opsgenieUserRoleSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
});

const opsgenieUserAddressSchema = z.looseObject({
  country: z.string().optional(),
  state: z.string().optional(),
  city: z.string().optional(),
  line: z.string().optional(),
  zipCode: z.string().optional(),
});

/** A contact as embedded in a user by `GET /v2/users/{id}?expand=contact` (`contactMethod`). */
const opsgenieUserContactSchema = z.looseObject({
  id: z.string().optional(),
  contactMethod: z.string().min(1),
  to: z.string(),
  enabled: z.boolean().optional(),
  disabledReason: z.string().optional(),
});
export type OpsgenieUserContact = z.infer<typeof opsgenieUserContactSchema>;

/** A contact from `GET /v2/users/{id}/contacts[/{contactId}]` (`method`). */
const opsgenieContactSchema = z.looseObject({
  id: z.string().optional(),
  method: z.string().min(1),
  to: z.string(),
  status: z
    .looseObject({
      enabled: z.boolean().optional(),
      disabledReason: z.string().optional(),
    })
    .optional(),
  applyOrder: z.number().int().optional(),
});
export type OpsgenieContact = z.infer<typeof opsgenieContactSchema>;

/**
 * A user as in `GET /v2/users/{id}[?expand=contact]` (full view). The list view (`GET /v2/users`) is the
 * same record without the fields it leaves out when empty (tags, details, skypeUsername, mutedUntil,
 * userContacts), so one schema serves both: every such field is optional but validated when present.
 */
export const opsgenieUserSchema = z.looseObject({
  id: z.string().min(1),
  username: z.string().min(1),
  fullName: z.string().optional(),
  role: opsgenieUserRoleSchema.optional(),
  blocked: z.boolean().optional(),
  verified: z.boolean().optional(),
  timeZone: z.string().optional(),
  locale: z.string().optional(),
  userAddress: opsgenieUserAddressSchema.optional(),
  createdAt: timestamp.optional(),
  skypeUsername: z.string().optional(),
  tags: z.array(z.string()).optional(),
  details: z.record(z.string(), z.array(z.string())).optional(),
  mutedUntil: timestamp.optional(),
  userContacts: z.array(opsgenieUserContactSchema).optional(),
});
export type OpsgenieUser = z.infer<typeof opsgenieUserSchema>;

/** An item of `GET /v2/users/{id}/teams` (TeamMeta). */
const opsgenieUserTeamSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
});
export type OpsgenieUserTeam = z.infer<typeof opsgenieUserTeamSchema>;

// ---------------------------------------------------------------- teams (§4)

const opsgenieTeamLinksSchema = z.looseObject({
  web: z.string().optional(),
  api: z.string().optional(),
});

/** A team member: `role` is a string (`admin`, `user` or a custom team role's name), not an object. */
const opsgenieTeamMemberSchema = z.looseObject({
  user: z.looseObject({
    id: z.string().min(1),
    username: z.string().optional(),
  }),
  role: z.string().optional(),
});
export type OpsgenieTeamMember = z.infer<typeof opsgenieTeamMemberSchema>;

/**
 * A team as in `GET /v2/teams/{id}`; `members` may be missing when the team is empty. List items of
 * `GET /v2/teams` are the same record without `members`, so one schema serves both (members validated
 * whenever present).
 */
export const opsgenieTeamSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
  description: z.string().optional(),
  links: opsgenieTeamLinksSchema.optional(),
  members: z.array(opsgenieTeamMemberSchema).optional(),
});
export type OpsgenieTeam = z.infer<typeof opsgenieTeamSchema>;

/** A team role from `GET /v2/teams/{id}/roles[/{roleId}]`. */
const opsgenieTeamRoleSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
  rights: z.array(z.looseObject({ right: z.string(), granted: z.boolean().optional() })).optional(),
});

// ---------------------------------------------------------------- roles (§5)

/** A custom user role from `GET /v2/roles[/{id}]`. Built-in roles are not listed by Opsgenie. */
export const opsgenieCustomUserRoleSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
  extendedRole: z.string().optional(),
  grantedRights: z.array(z.string()).optional(),
  disallowedRights: z.array(z.string()).optional(),
});
export type OpsgenieCustomUserRole = z.infer<typeof opsgenieCustomUserRoleSchema>;

// ---------------------------------------------------------------- account (§6)

const opsgenieAccountSchema = z.looseObject({
  name: z.string().min(1),
  userCount: z.number().int().nonnegative().optional(),
  plan: z.looseObject({
    name: z.string().min(1),
    maxUserCount: z.number().int().nonnegative().optional(),
    isYearly: z.boolean().optional(),
  }),
});
export type OpsgenieAccount = z.infer<typeof opsgenieAccountSchema>;

// ---------------------------------------------------------------- request limits (§7)

/** `data` of the undocumented `GET /v2/request-limits/`. */
const opsgenieRequestLimitsSchema = z.looseObject({
  rateLimits: z.array(
    z.looseObject({
      domain: z.string().min(1),
      limits: z.array(
        z.looseObject({
          limit: z.number().int().nonnegative(),
          periodInSeconds: z.number().positive(),
        }),
      ),
    }),
  ),
});
export type OpsgenieRequestLimits = z.infer<typeof opsgenieRequestLimitsSchema>;

// ---------------------------------------------------------------- envelopes (§3.1, §8)

const opsgeniePagingSchema = z.looseObject({
  first: z.string().optional(),
  next: z.string().optional(),
  prev: z.string().optional(),
  last: z.string().optional(),
});

/** `{ data: [...], paging?, totalCount?, expandable?, took, requestId }` */
function opsgenieListEnvelope<T extends z.ZodType>(item: T) {
  return z.looseObject({
    data: z.array(item),
    paging: opsgeniePagingSchema.optional(),
    totalCount: z.number().int().nonnegative().optional(),
    expandable: z.array(z.string()).optional(),
    took: z.number(),
    requestId: z.string(),
  });
}

/** `{ data, expandable?, took, requestId }` */
function opsgenieSingleEnvelope<T extends z.ZodType>(data: T) {
  return z.looseObject({
    data,
    expandable: z.array(z.string()).optional(),
    took: z.number(),
    requestId: z.string(),
  });
}

/** `{ message, code?, errors?, took?, requestId? }`; `errors` maps a field path to a message. */
export const opsgenieErrorSchema = z.looseObject({
  message: z.string(),
  code: z.number().int().optional(),
  errors: z.record(z.string(), z.unknown()).optional(),
  took: z.number().optional(),
  requestId: z.string().optional(),
});

/** Envelopes whose records are parsed one by one (`parseRecords`), so one bad record does not fail them. */
export const opsgenieRawListResponseSchema = opsgenieListEnvelope(z.unknown());
export const opsgenieRawSingleResponseSchema = opsgenieSingleEnvelope(z.unknown());

export const opsgenieUserListResponseSchema = opsgenieListEnvelope(opsgenieUserSchema);
export const opsgenieUserResponseSchema = opsgenieSingleEnvelope(opsgenieUserSchema);
export const opsgenieUserTeamsResponseSchema = opsgenieListEnvelope(opsgenieUserTeamSchema);
export const opsgenieContactListResponseSchema = opsgenieListEnvelope(opsgenieContactSchema);
export const opsgenieTeamListResponseSchema = opsgenieListEnvelope(opsgenieTeamSchema);
export const opsgenieTeamResponseSchema = opsgenieSingleEnvelope(opsgenieTeamSchema);
export const opsgenieTeamRoleListResponseSchema = opsgenieListEnvelope(opsgenieTeamRoleSchema);
export const opsgenieCustomUserRoleListResponseSchema = opsgenieListEnvelope(opsgenieCustomUserRoleSchema);
export const opsgenieCustomUserRoleResponseSchema = opsgenieSingleEnvelope(opsgenieCustomUserRoleSchema);
export const opsgenieAccountResponseSchema = opsgenieSingleEnvelope(opsgenieAccountSchema);
export const opsgenieRequestLimitsResponseSchema = z.looseObject({
  data: opsgenieRequestLimitsSchema,
  took: z.number().optional(),
  requestId: z.string().optional(),
});

/**
 * Parses a raw Opsgenie payload. A payload that does not match (drift, a proxy in the way...) is a
 * provider failure, not a Roster bug: it becomes a `remote_error` (502) naming what was expected and the
 * first failing field, and listing zod's issues (paths and messages only, never the payload). Lists parse
 * their items one by one instead (`parseRecords`), so one bad record does not fail a page.
 */
export function parseOpsgeniePayload<T extends z.ZodType>(
  schema: T,
  payload: unknown,
  what: string,
): z.output<T> {
  return parsePayload("Opsgenie", schema, payload, what);
}
