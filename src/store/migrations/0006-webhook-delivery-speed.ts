import { type Kysely, sql } from "kysely";

/**
 * The open part of each (webhook, account) lane, in sequence order. Finished deliveries pile up in a lane
 * (one per event, kept for the log) and fill the 0005 lane index, so finding a lane's head meant reading past
 * them (PostgreSQL chose to scan the table): this partial index holds only the open rows, so the head is its
 * first entry and the heads of all lanes are one pass over open rows only.
 *
 * The predicate is written with literals, exactly as the store's queries write it (`OPEN_LANE` in
 * webhook-deliveries.ts): SQLite only uses a partial index when the query repeats its condition.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("webhook_deliveries_open_lane")
    .on("webhook_deliveries")
    .columns(["webhook_id", "integrated_account_id", "sequence"])
    .where(sql.ref("status"), "in", sql`('pending', 'failed')`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("webhook_deliveries_open_lane").execute();
}
