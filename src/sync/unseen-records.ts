import type { Kysely } from "kysely";
import type { Database } from "../store/schema.ts";
import { storedCopies } from "./stored-lookup.ts";

/**
 * Stored, live records of a resource that a run has not staged: the candidates for a tombstone.
 *
 * The ids come from a set difference (EXCEPT), which both databases run in one pass whatever their statistics
 * say; a NOT EXISTS anti-join let PostgreSQL pick a nested loop that rescans the run's staging for every
 * stored record when the tables were never analysed (tens of seconds for 10,000 users). Only the unseen
 * records' bodies are read, by key.
 */
export async function unseenRecords(
  db: Kysely<Database>,
  input: { accountId: string; resource: string; runId: string },
): Promise<{ remote_id: string; record: string }[]> {
  const rows = await db
    .selectFrom("directory_records")
    .select("remote_id")
    .where("account_id", "=", input.accountId)
    .where("resource", "=", input.resource)
    .where("deleted_at", "is", null)
    .except((eb) =>
      eb
        .selectFrom("sync_run_staging")
        .select("remote_id")
        .where("run_id", "=", input.runId)
        .where("resource", "=", input.resource),
    )
    .execute();
  const ids = rows.map((row) => row.remote_id).sort();
  const copies = await storedCopies(db, { accountId: input.accountId, resource: input.resource }, ids);
  return ids.flatMap((id) => {
    const copy = copies.get(id);
    return copy && copy.deleted_at === null ? [{ remote_id: id, record: copy.record }] : [];
  });
}
