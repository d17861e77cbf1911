import type { Warning } from "../core/provider/warnings.ts";
import { insertRunEvent } from "../events/run-events.ts";
import type { StoreHandle } from "../store/database.ts";
import { nowIso } from "../store/ids.ts";
import { type RunProgress, type RunStats, SyncRunRepository } from "../store/sync-runs.ts";

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
    const runs = new SyncRunRepository(trx);
    const finishedAt = nowIso();
    const message = error.slice(0, 2000);
    if (!(await runs.failOpen(runId, { error: message, finishedAt, progress }))) return;
    const run = await runs.eventRef(runId);
    if (!run) return;
    await insertRunEvent(trx, run, {
      id: runId,
      sync_job_id: run.sync_job_id,
      status: "failed",
      stats: JSON.parse(run.stats) as RunStats,
      error: message,
      finished_at: finishedAt,
      warnings: JSON.parse(run.warnings) as Warning[],
    });
  });
}
