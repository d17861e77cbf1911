import type { Kysely } from "kysely";

/**
 * Seat history: one row per completed sync that read the account's licenses, with the seats in use and the
 * seats the licenses provide at that moment (`seats_available` null when a license sets no limit or does not
 * say), and the per-license figures as a JSON array. Rows go with their account (cascade). Listed newest
 * first by (created_at, id), the keyset every Roster list uses.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("seat_history")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("environment_id", "text", (c) => c.notNull())
    .addColumn("integrated_account_id", "text", (c) =>
      c.notNull().references("integrated_accounts.id").onDelete("cascade"),
    )
    .addColumn("sync_job_run_id", "text", (c) => c.notNull())
    .addColumn("seats_used", "integer")
    .addColumn("seats_available", "integer")
    .addColumn("licenses", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("seat_history_page")
    .on("seat_history")
    .columns(["integrated_account_id", "created_at", "id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("seat_history").execute();
}
