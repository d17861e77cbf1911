import type { Kysely } from "kysely";

/**
 * Rates learnt per (provider, account, rate-limit domain) for accounts whose real limits the provider does not
 * tell: kept in the database so a restart does not forget them and every instance on one PostgreSQL paces by
 * the same rate. `state` is JSON per window (limit, probing, base, held until).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("rate_limit_learnt")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("rate_limit_learnt").execute();
}
