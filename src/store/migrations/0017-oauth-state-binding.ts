import type { Kysely } from "kysely";

/**
 * Binds each OAuth `state` to the browser that started the consent (RFC 6749 §10.12): `binding_hash` is the
 * SHA-256 hash of a random one-time secret handed only to the connect page that asked for the consent URL.
 * The code is exchanged only when that page's browser presents it. Null for states issued before: they can
 * no longer be completed (they expire within minutes anyway).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("oauth_states").addColumn("binding_hash", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("oauth_states").dropColumn("binding_hash").execute();
}
