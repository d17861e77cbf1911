import type { Warning } from "../core/provider/warnings.ts";
import { chunks } from "../store/chunks.ts";
import type { StoreHandle } from "../store/database.ts";
import { type RunProgress, SyncRunRepository } from "../store/sync-runs.ts";
import { contentHash } from "./canonical.ts";
import { RunSupersededError } from "./commit.ts";
import { identicalCopies } from "./stored-lookup.ts";

/**
 * A page checkpoint: the page's records go to staging and the run's progress (with the position of the next
 * page) is saved in the same transaction, so a run resumed after a crash continues after the last page
 * it saved, never before or after; the run's warnings so far are saved with it. Only the run's current lease
 * owner may write.
 *
 * Kept cheap because a run writes one per page:
 * - a record whose JSON is exactly its stored copy's is staged as the stored copy's content hash alone
 *   (`record` null): an unchanged re-sync neither canonicalises and hashes its records nor writes them;
 * - rows are appended at the next positions of the run's staging (no index on remote ids to update); a
 *   record staged again later (offsets shifting under a live change) counts at its last position.
 *
 * `diffStaging` is how the commit reads this back.
 */
export async function checkpoint(
  store: StoreHandle,
  input: {
    runId: string;
    owner: string;
    accountId: string;
    resource: string;
    records: readonly unknown[];
    progress: RunProgress;
    leaseMs: number;
    /** Every warning of the run so far (replaces the saved ones). */
    warnings?: readonly Warning[];
  },
): Promise<void> {
  // Within a page the last copy of a record wins too.
  const byId = new Map<string, unknown>();
  for (const record of input.records) byId.set((record as { id: string }).id, record);
  // Read before the transaction, which then only writes; a stored copy replaced in between is caught by the commit.
  const pageJson = [...byId].map(([id, record]) => ({ id, record, json: JSON.stringify(record) }));
  const identical = await identicalCopies(
    store.db,
    { accountId: input.accountId, resource: input.resource },
    pageJson,
  );
  const staged = pageJson.map(({ id, record, json }) => {
    const known = identical.get(id);
    if (known !== undefined) return { remote_id: id, record: null, hash: known };
    const hash = contentHash(record);
    // A copy equal but for key order is found by the commit (same hash): it writes nothing for it.
    return { remote_id: id, record: json, hash };
  });
  await store.db.transaction().execute(async (trx) => {
    // The lease check comes first: it locks the run's row, so two workers never stage at the same positions.
    const last = await new SyncRunRepository(trx).checkpointLeased(input.runId, input.owner, input);
    if (last === undefined) throw new RunSupersededError("the run was taken over or finished");
    const start = last + 1;
    const rows = staged.map((row, i) => ({
      run_id: input.runId,
      resource: input.resource,
      position: start + i,
      ...row,
    }));
    for (const part of chunks(rows, 300)) await trx.insertInto("sync_run_staging").values(part).execute();
  });
}
