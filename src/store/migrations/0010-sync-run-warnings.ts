import type { Kysely } from "kysely";

/**
 * What a sync run left out and why (API.md "Partial results"): a JSON array of warnings, saved with each page
 * checkpoint so a resumed run keeps the warnings of the pages it read before. Existing runs read as none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("sync_job_runs")
    .addColumn("warnings", "text", (col) => col.notNull().defaultTo("[]"))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("sync_job_runs").dropColumn("warnings").execute();
}
