import { z } from "zod";

export const accountStatusSchema = z.enum(["active", "needs_reauth", "validation_error"]);

/** The account as the API shows it: credentials are never part of it, not even masked. */
export const integratedAccountSchema = z
  .object({
    id: z.string(),
    integration: z.string(),
    tenant_id: z.string(),
    region: z.string().nullable(),
    status: accountStatusSchema,
    last_error: z.string().nullable(),
    auth_method: z
      .enum(["key", "oauth"])
      .describe(
        "How the account was linked: an API key or token, or an OAuth grant Roster refreshes itself.",
      ),
    migrated_from: z
      .string()
      .nullable()
      .describe(
        "The integration the account was migrated from (`POST /integrated-account/{id}/migrate`), keeping its id; null when it never was.",
      ),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "IntegratedAccount" });

export const tenantIdSchema = z
  .string()
  .min(1)
  .max(200)
  .describe("Your identifier for the customer who owns this account.");

/** Provider credentials; their exact fields are checked against the integration's credential schema. */
export const credentialContextSchema = z
  .record(z.string().min(1).max(100), z.string().max(4096))
  .describe(
    "Credentials and options of the integration, e.g. `{ api_key, region }`. Write-only. Values are taken as " +
      "given (not trimmed of line breaks): control characters (line breaks, tabs, NUL) are refused, and values " +
      "sent in an HTTP header (such as `api_key`) must be Latin-1; either is a 400 `validation_failed` naming " +
      "`context.<field>`, before the provider is called.",
  );

export function toPublicAccount<T extends z.infer<typeof integratedAccountSchema>>(account: T) {
  return integratedAccountSchema.parse(account);
}
