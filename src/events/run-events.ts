import type { Transaction } from "kysely";
import type { StoreHandle } from "../store/database.ts";
import { nowIso } from "../store/ids.ts";
import type { Database } from "../store/schema.ts";
import type { RunProgress, RunStats } from "../store/sync-runs.ts";
import { type AccountRef, insertEvents } from "./outbox.ts";

/** What `sync_job_run.completed|failed` events carry: the run as the API shows it. */
export interface RunEventRecord {
  id: string;
  sync_job_id: string;
  status: "completed" | "failed";
  stats: RunStats | null;
  error: string | null;
  finished_at: string;
}

/** Writes a run's outcome event inside the transaction that changed the run's status. */
export async function insertRunEvent(
  trx: Transaction<Database>,
  account: AccountRef,
  record: RunEventRecord,
): Promise<void> {
  await insertEvents(trx, account, record.id, [{ type: `sync_job_run.${record.status}`, record }]);
}

/**
 * Marks a queued or running run failed and records `sync_job_run.failed`, in one transaction; a run that
 * already finished (or was failed by someone else) is left alone and yields no second event.
 */
export async function failRunWithEvent(
  store: StoreHandle,
  runId: string,
  error: string,
  progress?: RunProgress,
): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    const finishedAt = nowIso();
    const message = error.slice(0, 2000);
    const result = await trx
      .updateTable("sync_job_runs")
      .set({
        status: "failed",
        error: message,
        finished_at: finishedAt,
        lease_owner: null,
        lease_expires_at: null,
        ...(progress ? { progress: JSON.stringify(progress) } : {}),
      })
      .where("id", "=", runId)
      .where("status", "in", ["queued", "running"])
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return;
    const run = await trx
      .selectFrom("sync_job_runs as r")
      .innerJoin("integrated_accounts as a", "a.id", "r.integrated_account_id")
      .select(["r.sync_job_id", "r.stats", "a.id", "a.environment_id", "a.tenant_id", "a.integration"])
      .where("r.id", "=", runId)
      .executeTakeFirst();
    if (!run) return;
    await insertRunEvent(trx, run, {
      id: runId,
      sync_job_id: run.sync_job_id,
      status: "failed",
      stats: JSON.parse(run.stats) as RunStats,
      error: message,
      finished_at: finishedAt,
    });
  });
}
