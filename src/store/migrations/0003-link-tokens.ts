import type { Kysely } from "kysely";

/** Single-use link tokens for the hosted connect page; only their hashes are stored. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("link_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("environment_id", "text", (c) => c.notNull().references("environments.id").onDelete("cascade"))
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("integration", "text")
    .addColumn("integrated_account_id", "text")
    .addColumn("redirect_uri", "text")
    .addColumn("origin", "text")
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("link_tokens").execute();
}
