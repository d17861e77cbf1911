import type { Transaction } from "kysely";
import type { UnifiedResourceName } from "../core/models/index.ts";
import type { Warning } from "../core/provider/warnings.ts";
import { applyUserSearch } from "../directory/search-writes.ts";
import { recordSeatFigures } from "../directory/seat-figures.ts";
import { type AccountRef, type EventDraft, insertEvents } from "../events/outbox.ts";
import { insertRunEvent } from "../events/run-events.ts";
import { findProvider } from "../providers/index.ts";
import { chunks } from "../store/chunks.ts";
import type { StoreHandle } from "../store/database.ts";
import { nowIso } from "../store/ids.ts";
import { IntegratedAccountRepository } from "../store/integrated-accounts.ts";
import type { Database } from "../store/schema.ts";
import { emptyStats, type RunProgress, type RunStats, SyncRunRepository } from "../store/sync-runs.ts";
import { changedFields } from "./canonical.ts";
import { diffMemberships } from "./memberships-diff.ts";
import {
  coversMatchedResources,
  type PendingMigration,
  recordUnmatched,
  rekeyMatched,
} from "./migration-commit.ts";
import { primaryEmail } from "./migration-match.ts";
import { eventRules } from "./resources.ts";
import { stagedChanges } from "./staged-diff.ts";
import { unseenRecords } from "./unseen-records.ts";

type Record_ = Record<string, unknown> & { id: string };

export class RunSupersededError extends Error {
  override name = "RunSupersededError";
}

/**
 * Turns a complete run's staging into the new snapshot, in ONE transaction: changed and new records are
 * upserted, records the run did not see are tombstoned (only a complete run gets here), memberships are
 * diffed, the change events go into the outbox, staging is dropped and the run is marked completed with its
 * warnings (which its `sync_job_run.completed` event carries too), and a run that read every license itself
 * (none refused or left out with a warning) adds a point to the account's seat history. Records a fault hid from the run were
 * staged as their stored copies before (see confirm-missing.ts), so nothing here tombstones them. The
 * last update is conditional on the run still being this worker's: a run taken over by another worker
 * (lease expired) rolls back instead of committing twice.
 *
 * The first sync of a resource for an account records the baseline without `*.created` events (there
 * is nothing a subscriber could have missed); every later run emits what changed.
 *
 * The first run committed after the account was migrated to a successor integration matches the new
 * records to the previous ones (migration-commit.ts): matched users, groups and roles are re-keyed and emit
 * `*.migrated` instead of deleted + created; that run clears the account's pending migration.
 */
export async function commitRun(
  store: StoreHandle,
  input: {
    runId: string;
    owner: string;
    account: AccountRef;
    resources: UnifiedResourceName[];
    progress: RunProgress;
    /** What the run left out and why; none by default. */
    warnings?: readonly Warning[];
  },
): Promise<RunStats> {
  const warnings = [...(input.warnings ?? [])];
  const started = performance.now();
  return store.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const stats = emptyStats();
    stats.requests = input.progress.requests;
    const events: EventDraft[] = [];
    const groups = new Map<string, { name: string | null; members: { id: string }[] }>();
    let groupsBaseline = false;
    const accounts = new IntegratedAccountRepository(trx);
    await assertSameIntegration(trx, store.dialect, input.account);
    const migration = await pendingMigration(accounts, input.account);
    // What commitRun needs of each chunk of changed records, kept small: a first sync changes them all.
    const onChanged: Partial<Record<UnifiedResourceName, (records: Record_[]) => Promise<void>>> = {
      users: (records) => applyUserSearch(trx, input.account, records, []),
      groups: async (records) => {
        for (const record of records) {
          // A group read without its members (e.g. JSM over OAuth: no Teams API) says nothing about them.
          if (record.members === undefined) continue;
          groups.set(record.id, {
            name: (record.name as string | null) ?? null,
            members: record.members as { id: string }[],
          });
        }
      },
    };

    for (const resource of input.resources) {
      const baseline = !(await trx
        .selectFrom("directory_records")
        .select("remote_id")
        .where("account_id", "=", input.account.id)
        .where("resource", "=", resource)
        .limit(1)
        .executeTakeFirst());
      if (resource === "groups") groupsBaseline = baseline;
      const removed = await commitResource(
        trx,
        input,
        resource,
        { now, baseline, events, stats, migration },
        onChanged[resource],
      );
      // A group gone takes its members with it; their events still name the group as it was stored.
      if (resource === "groups")
        for (const [id, name] of await storedGroupNames(trx, input.account.id, removed))
          groups.set(id, { name, members: [] });
      if (resource === "users") await applyUserSearch(trx, input.account, [], removed);
    }

    if (groups.size > 0) {
      const counts = await diffMemberships(trx, input.account.id, groups, now, !groupsBaseline, events);
      stats.created += counts.added;
      stats.updated += counts.updated;
      stats.deleted += counts.removed;
    }
    if (input.resources.includes("groups")) {
      await trx
        .updateTable("directory_memberships")
        .set({ last_seen_at: now })
        .where("account_id", "=", input.account.id)
        .where("deleted_at", "is", null)
        .execute();
    }
    await insertEvents(trx, input.account, input.runId, events);
    // A point is the run's own reading: none when licenses were refused or partly left out (stored copies kept).
    const licensesRead =
      input.resources.includes("licenses") && !warnings.some((w) => w.resource === "licenses");
    if (licensesRead) await recordSeatFigures(trx, input.account, input.runId, now);
    // Only a run that read every matched resource ends the migration: a job of users only leaves groups to match.
    if (migration && coversMatchedResources(input.resources))
      await accounts.clearPendingMigration(input.account.id);
    await trx.deleteFrom("sync_run_staging").where("run_id", "=", input.runId).execute();
    const syncJobId = await new SyncRunRepository(trx).completeLeased(input.runId, input.owner, {
      stats,
      progress: { ...input.progress, commit_ms: Math.round(performance.now() - started) },
      finishedAt: now,
      warnings,
    });
    if (syncJobId === undefined) throw new RunSupersededError("the run was taken over or finished");
    await insertRunEvent(trx, input.account, {
      id: input.runId,
      sync_job_id: syncJobId,
      status: "completed",
      stats,
      error: null,
      finished_at: now,
      warnings,
    });
    return stats;
  });
}

/**
 * Commits one resource's staging: changed records are upserted (and told to `onChanged`) chunk by chunk,
 * what the run did not see is tombstoned. Returns the tombstoned ids.
 */
async function commitResource(
  trx: Transaction<Database>,
  input: { runId: string; account: AccountRef },
  resource: UnifiedResourceName,
  run: {
    now: string;
    baseline: boolean;
    events: EventDraft[];
    stats: RunStats;
    migration: PendingMigration | undefined;
  },
  onChanged?: (records: Record_[]) => Promise<void>,
): Promise<string[]> {
  const { now, baseline, events, stats, migration } = run;
  const rule = eventRules[resource];
  const accountId = input.account.id;
  const migrated = migration
    ? await rekeyMatched(trx, { ...input, resource, prefix: rule.prefix, now }, migration, events)
    : new Set<string>();
  // Only the rows that are new, changed or coming back from a tombstone leave the database whole.
  for await (const chunk of stagedChanges(trx, { runId: input.runId, accountId, resource })) {
    stats.unchanged += chunk.unchanged;
    const changed: Record_[] = [];
    const upserts: Database["directory_records"][] = [];
    for (const row of chunk.changed) {
      const record = JSON.parse(row.json) as Record_;
      changed.push(record);
      if (migrated.has(row.remote_id)) {
        // Its `.migrated` event is written by rekeyMatched; the stored copy takes the new record.
        stats.updated++;
      } else if (row.previous === null) {
        stats.created++;
        if (rule.created && !baseline) events.push({ type: `${rule.prefix}.created`, record });
      } else {
        const previous = JSON.parse(row.previous) as Record_;
        const fields = changedFields(previous, record, rule.ignore);
        if (fields.length > 0) {
          stats.updated++;
          if (rule.updated)
            events.push({ type: `${rule.prefix}.updated`, record, previous, changed_fields: fields });
        } else {
          // Only remote_data (or a group's members) moved: the stored copy is refreshed, no event.
          stats.unchanged++;
        }
      }
      upserts.push({
        account_id: accountId,
        resource,
        remote_id: row.remote_id,
        record: row.json,
        content_hash: row.hash,
        email: resource === "users" ? primaryEmail(record) : null,
        first_seen_at: now,
        last_seen_at: now,
        deleted_at: null,
        updated_at: now,
      });
    }
    for (const part of chunks(upserts, 300)) {
      await trx
        .insertInto("directory_records")
        .values(part)
        .onConflict((oc) =>
          oc.columns(["account_id", "resource", "remote_id"]).doUpdateSet((eb) => ({
            record: eb.ref("excluded.record"),
            content_hash: eb.ref("excluded.content_hash"),
            email: eb.ref("excluded.email"),
            last_seen_at: eb.ref("excluded.last_seen_at"),
            updated_at: eb.ref("excluded.updated_at"),
            deleted_at: null,
          })),
        )
        .execute();
    }
    await onChanged?.(changed);
  }

  // What this complete run did not see is gone: tombstoned, never erased (first_seen and history stay).
  const gone = await unseenRecords(trx, { accountId, resource, runId: input.runId });
  for (const row of gone) {
    stats.deleted++;
    if (rule.deleted) events.push({ type: `${rule.prefix}.deleted`, record: JSON.parse(row.record) });
  }
  for (const part of chunks(
    gone.map((g) => g.remote_id),
    500,
  )) {
    await trx
      .updateTable("directory_records")
      .set({ deleted_at: now, updated_at: now })
      .where("account_id", "=", accountId)
      .where("resource", "=", resource)
      .where("remote_id", "in", part)
      .execute();
  }
  if (migration)
    await recordUnmatched(
      trx,
      { ...input, resource, now },
      migration,
      gone.map((g) => g.remote_id),
    );
  await trx
    .updateTable("directory_records")
    .set({ last_seen_at: now })
    .where("account_id", "=", accountId)
    .where("resource", "=", resource)
    .where("deleted_at", "is", null)
    .execute();
  return gone.map((g) => g.remote_id);
}

/** The names of the account's stored groups `ids` (tombstoned ones included), null for a nameless one. */
async function storedGroupNames(
  trx: Transaction<Database>,
  accountId: string,
  ids: readonly string[],
): Promise<Map<string, string | null>> {
  const names = new Map<string, string | null>(ids.map((id) => [id, null]));
  for (const part of chunks(ids, 500)) {
    const rows = await trx
      .selectFrom("directory_records")
      .select(["remote_id", "record"])
      .where("account_id", "=", accountId)
      .where("resource", "=", "groups")
      .where("remote_id", "in", part)
      .execute();
    for (const row of rows) {
      const name = (JSON.parse(row.record) as { name?: unknown }).name;
      names.set(row.remote_id, typeof name === "string" ? name : null);
    }
  }
  return names;
}

/**
 * The run read the account under `account.integration`; an account migrated meanwhile must not get those records
 * as its new snapshot (the migration's matching would take the old provider's records for the new one's). Locks
 * the account row on PostgreSQL, so a migration waits for this commit or this commit sees the migration; SQLite
 * serializes writers anyway. Throws (the run fails, nothing of it is committed) when the account moved or is gone.
 */
async function assertSameIntegration(
  trx: Transaction<Database>,
  dialect: StoreHandle["dialect"],
  account: AccountRef,
) {
  let query = trx.selectFrom("integrated_accounts").select("integration").where("id", "=", account.id);
  if (dialect === "postgres") query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row)
    throw new Error("The account was deleted while the run read it: nothing of the run was committed.");
  if (row.integration !== account.integration)
    throw new Error(
      `The account was migrated to ${row.integration} while this run read ${account.integration}: nothing of the run was committed; the next run reads ${row.integration}.`,
    );
}

/** The account's pending migration with its successor's role mapping; undefined when there is none. */
async function pendingMigration(
  accounts: IntegratedAccountRepository,
  account: AccountRef,
): Promise<PendingMigration | undefined> {
  const previousIntegration = await accounts.pendingMigration(account.id);
  if (!previousIntegration) return undefined;
  const succeeds = findProvider(account.integration)?.succeeds;
  return { previousIntegration, mapRole: (role) => succeeds?.mapRole(role) };
}
