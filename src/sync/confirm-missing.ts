import type { Session } from "../connections/sessions.ts";
import { isAppError } from "../core/errors.ts";
import type { UnifiedResourceName } from "../core/models/index.ts";
import type { StoreHandle } from "../store/database.ts";
import type { UnifiedExecutor } from "../unified/executor.ts";
import type { HiddenRecords } from "./hidden-records.ts";
import { includesFor, SYNC_CATEGORY } from "./resources.ts";
import { unseenRecords } from "./unseen-records.ts";

/** Records asked for at once; each is one paced provider call. */
const CONFIRM_CONCURRENCY = 4;

/**
 * Offsets shift when a provider's list changes while a run reads it, so a record can be missed by a complete
 * read and still exist. Before the commit may tombstone a stored record the run did not see, it is asked for
 * by id: a 404 confirms the delete; a record that is still there is kept as stored (the next run refreshes
 * it); any other failure fails the run, so nothing is deleted on a guess. A record a fault hid from the run
 * (`hidden`: malformed, or in a resource the account may not read) is kept as stored without asking.
 *
 * Returns the stored copies to stage again, so the commit finds them unchanged.
 */
export async function confirmMissing(
  deps: { store: StoreHandle; unified: UnifiedExecutor },
  session: Session,
  runId: string,
  resource: UnifiedResourceName,
  hidden: HiddenRecords,
): Promise<unknown[]> {
  const unseen = await unseenRecords(deps.store.db, { accountId: session.account.id, resource, runId });
  const isHidden = (row: { remote_id: string }) => hidden.all || hidden.ids.has(row.remote_id);
  const kept = unseen.filter(isHidden).map((row) => JSON.parse(row.record) as unknown);
  const missing = unseen.filter((row) => !isHidden(row));
  const stillThere = await session.client.mapBounded(missing, CONFIRM_CONCURRENCY, async (row) => {
    try {
      await deps.unified.get(session, SYNC_CATEGORY, resource, row.remote_id, {
        filters: {},
        include: includesFor(resource),
        ignoreRemoteData: true,
        raw: false,
      });
      return JSON.parse(row.record) as unknown;
    } catch (error) {
      if (isAppError(error) && error.code === "not_found") return undefined;
      throw error;
    }
  });
  return [...kept, ...stillThere.filter((record) => record !== undefined)];
}
