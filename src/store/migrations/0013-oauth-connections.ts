import type { Kysely } from "kysely";

/**
 * OAuth 2.0 connections. `integrated_accounts.auth_method` says how an account is connected ("key" for every
 * account linked before; "oauth": its sealed credentials are a token set). `oauth_states` holds the `state`
 * of each consent in flight: random, single use, bound to one link token, stored only as a SHA-256 hash.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("integrated_accounts")
    .addColumn("auth_method", "text", (c) => c.notNull().defaultTo("key"))
    .execute();
  await db.schema
    .createTable("oauth_states")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("state_hash", "text", (c) => c.notNull().unique())
    .addColumn("link_token_id", "text", (c) => c.notNull().references("link_tokens.id").onDelete("cascade"))
    .addColumn("integration", "text", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("redirect_uri", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("oauth_states").execute();
  await db.schema.alterTable("integrated_accounts").dropColumn("auth_method").execute();
}
