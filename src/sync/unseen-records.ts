import type { Kysely } from "kysely";
import type { Database } from "../store/schema.ts";

/** Stored, live records of a resource that a run has not staged: the candidates for a tombstone. */
export function unseenRecords(
  db: Kysely<Database>,
  input: { accountId: string; resource: string; runId: string },
) {
  return db
    .selectFrom("directory_records as d")
    .select(["d.remote_id", "d.record"])
    .where("d.account_id", "=", input.accountId)
    .where("d.resource", "=", input.resource)
    .where("d.deleted_at", "is", null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("sync_run_staging as s")
            .select("s.remote_id")
            .where("s.run_id", "=", input.runId)
            .where("s.resource", "=", input.resource)
            .whereRef("s.remote_id", "=", "d.remote_id"),
        ),
      ),
    )
    .execute();
}
