import type { Kysely } from "kysely";

/**
 * Refresh leases of OAuth accounts: at most one row per account, naming the refresh that may call the token
 * endpoint for it (`holder`, random per claim) until `expires_at` (ISO-8601). A lease replaces the row lock a
 * refresh held for the whole token call, so no database connection waits on the provider. It holds no token.
 * No foreign key: a refresh of an account deleted meanwhile must not fail on its lease; a lease is deleted
 * when its refresh ends, and one left by a crash is taken over once it expires.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("oauth_refresh_leases")
    .addColumn("account_id", "text", (c) => c.primaryKey())
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("claimed_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("oauth_refresh_leases").execute();
}
