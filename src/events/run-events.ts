import type { Transaction } from "kysely";
import type { Warning } from "../core/provider/warnings.ts";
import type { Database } from "../store/schema.ts";
import type { RunStats } from "../store/sync-runs.ts";
import { type AccountRef, insertEvents } from "./outbox.ts";

/** What `sync_job_run.completed|failed` events carry: the run as the API shows it. */
export interface RunEventRecord {
  id: string;
  sync_job_id: string;
  status: "completed" | "failed";
  stats: RunStats | null;
  error: string | null;
  finished_at: string;
  /** What the run left out and why (empty when it read everything). */
  warnings: Warning[];
}

/** Writes a run's outcome event inside the transaction that changed the run's status. */
export async function insertRunEvent(
  trx: Transaction<Database>,
  account: AccountRef,
  record: RunEventRecord,
): Promise<void> {
  await insertEvents(trx, account, record.id, [{ type: `sync_job_run.${record.status}`, record }]);
}
