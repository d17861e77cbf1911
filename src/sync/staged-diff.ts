import type { Kysely } from "kysely";
import type { Database } from "../store/schema.ts";
import { storedCopies } from "./stored-lookup.ts";

/** A staged record that differs from its live stored copy, or has none (new, or back from a tombstone). */
export interface StagedChange {
  remote_id: string;
  json: string;
  hash: string;
  /** The live stored copy it replaces; null when there is none. */
  previous: string | null;
}

export class StagedRecordGoneError extends Error {
  override name = "StagedRecordGoneError";
}

/** Staged rows read at a time, in staging order. */
const CHUNK = 1000;

/**
 * Compares a run's staging of one resource with the stored directory, chunk by chunk in staging order: each
 * staged row carries its live stored hash (a correlated subquery, one primary-key probe), so the unchanged
 * majority costs no record reads; only the changed rows' stored copies are read. A record staged more than
 * once counts at its last position only.
 *
 * A row staged as its hash alone (`record` null) stands for the stored copy that had that hash when the page
 * was checkpointed. If another sync of the account replaced that copy since, its content is known nowhere:
 * the commit fails (nothing is written, no event is emitted) and the next run reads the record again.
 */
export async function diffStaging(
  db: Kysely<Database>,
  input: { runId: string; accountId: string; resource: string },
): Promise<{ changed: StagedChange[]; unchanged: number }> {
  const changed: StagedChange[] = [];
  let unchanged = 0;
  for await (const chunk of stagedChanges(db, input)) {
    changed.push(...chunk.changed);
    unchanged += chunk.unchanged;
  }
  return { changed, unchanged };
}

/**
 * `diffStaging` one chunk of staging at a time, so a commit holds at most a chunk of changed records in memory
 * (a first sync changes every record). Chunks must be consumed in order, each before the next is read.
 */
export async function* stagedChanges(
  db: Kysely<Database>,
  input: { runId: string; accountId: string; resource: string },
): AsyncGenerator<{ changed: StagedChange[]; unchanged: number }> {
  const scope = { accountId: input.accountId, resource: input.resource };
  const lastPositions = await restagedRecords(db, input);
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom("sync_run_staging as s")
      .select((eb) => [
        "s.position",
        "s.remote_id",
        "s.record",
        "s.hash",
        eb
          .selectFrom("directory_records as d")
          .select((d) =>
            d
              .case()
              .when("d.deleted_at", "is", null)
              .then(d.ref("d.content_hash"))
              .else(null)
              .end()
              .as("hash"),
          )
          .where("d.account_id", "=", input.accountId)
          .where("d.resource", "=", input.resource)
          .whereRef("d.remote_id", "=", "s.remote_id")
          .as("live_hash"),
      ])
      .where("s.run_id", "=", input.runId)
      .where("s.resource", "=", input.resource)
      .where("s.position", ">", after)
      .orderBy("s.position")
      .limit(CHUNK)
      .execute();
    if (rows.length === 0) break;
    after = Number(rows.at(-1)?.position);
    const current = rows.filter((row) => (lastPositions.get(row.remote_id) ?? row.position) === row.position);
    const differing = current.filter((row) => row.live_hash !== row.hash);
    const changed: StagedChange[] = [];
    const unchanged = current.length - differing.length;
    if (differing.length === 0) {
      yield { changed, unchanged };
      continue;
    }
    const copies = await storedCopies(
      db,
      scope,
      differing.map((row) => row.remote_id),
    );
    for (const row of differing) {
      const copy = copies.get(row.remote_id);
      const json = row.record ?? (copy?.content_hash === row.hash ? copy.record : undefined);
      if (json === undefined)
        throw new StagedRecordGoneError(
          `the stored ${input.resource} record ${row.remote_id} changed while this run was reading (another sync of the account committed); nothing was committed`,
        );
      const previous = copy && copy.deleted_at === null ? copy.record : null;
      changed.push({ remote_id: row.remote_id, json, hash: row.hash, previous });
    }
    yield { changed, unchanged };
  }
}

/** The last position of each record staged more than once (rare: offsets shifting under a live change). */
async function restagedRecords(
  db: Kysely<Database>,
  input: { runId: string; resource: string },
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("sync_run_staging")
    .select((eb) => ["remote_id", eb.fn.max("position").as("last")])
    .where("run_id", "=", input.runId)
    .where("resource", "=", input.resource)
    .groupBy("remote_id")
    .having((eb) => eb.fn.countAll(), ">", 1)
    .execute();
  return new Map(rows.map((row) => [row.remote_id, Number(row.last)]));
}
