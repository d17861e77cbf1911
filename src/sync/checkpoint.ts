import type { StoreHandle } from "../store/database.ts";
import type { RunProgress } from "../store/sync-runs.ts";
import { contentHash } from "./canonical.ts";
import { RunSupersededError } from "./commit.ts";

/**
 * A page checkpoint: the page's records go to staging and the run's progress (with the cursor of the next
 * page) is saved in the same transaction, so a run resumed after a crash continues after the last page
 * it saved, never before or after. Only the run's current lease owner may write.
 */
export async function checkpoint(
  store: StoreHandle,
  input: {
    runId: string;
    owner: string;
    resource: string;
    records: readonly unknown[];
    progress: RunProgress;
    leaseMs: number;
  },
): Promise<void> {
  // A page may repeat an id (offsets shifting under a live change); the last copy wins.
  const byId = new Map<string, unknown>();
  for (const record of input.records) byId.set((record as { id: string }).id, record);
  const rows = [...byId].map(([id, record]) => {
    const json = JSON.stringify(record);
    return {
      run_id: input.runId,
      resource: input.resource,
      remote_id: id,
      record: json,
      hash: contentHash(record),
    };
  });
  await store.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 300) {
      await trx
        .insertInto("sync_run_staging")
        .values(rows.slice(i, i + 300))
        .onConflict((oc) =>
          oc.columns(["run_id", "resource", "remote_id"]).doUpdateSet((eb) => ({
            record: eb.ref("excluded.record"),
            hash: eb.ref("excluded.hash"),
          })),
        )
        .execute();
    }
    const result = await trx
      .updateTable("sync_job_runs")
      .set({
        progress: JSON.stringify(input.progress),
        lease_expires_at: new Date(Date.now() + input.leaseMs).toISOString(),
      })
      .where("id", "=", input.runId)
      .where("status", "=", "running")
      .where("lease_owner", "=", input.owner)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw new RunSupersededError("the run was taken over or finished");
  });
}
