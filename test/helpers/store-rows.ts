import type { Db } from "../../src/store/database.ts";

/**
 * An integrated account row with placeholder credentials, for store-level tests and benchmarks that never call
 * the provider (its credentials could not be decrypted).
 */
export async function insertAccountRow(
  db: Db,
  account: { id: string; environmentId: string; tenantId: string },
): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto("integrated_accounts")
    .values({
      id: account.id,
      environment_id: account.environmentId,
      integration: "opsgenie",
      tenant_id: account.tenantId,
      region: "us",
      status: "active",
      last_error: null,
      credentials: "placeholder",
      credentials_key_id: "placeholder",
      created_at: now,
      updated_at: now,
    })
    .execute();
}
