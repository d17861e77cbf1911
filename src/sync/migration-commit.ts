import type { Transaction } from "kysely";
import type { Role, UnifiedResourceName } from "../core/models/index.ts";
import { rekeyUserSearch } from "../directory/search-writes.ts";
import type { AccountRef, EventDraft } from "../events/outbox.ts";
import { AccountIdMapRepository } from "../store/account-id-map.ts";
import type { Database } from "../store/schema.ts";
import { matchRecords } from "./migration-match.ts";

type Record_ = Record<string, unknown> & { id: string };

/** The account's pending migration, as the commit of its first sync after it needs it. */
export interface PendingMigration {
  previousIntegration: string;
  mapRole(previous: Role): string | undefined;
}

/** Resources matched across a migration; the others (licenses, organizations) sync as usual. */
const matchedResources = new Set<string>(["users", "groups", "roles"]);

/** Whether a run read every resource matched across a migration (then its commit ends the migration). */
export function coversMatchedResources(resources: readonly string[]): boolean {
  return [...matchedResources].every((resource) => resources.includes(resource));
}

/**
 * Before a resource's staging is committed after a migration: its staged (new) records are matched to the
 * stored live (previous) ones (migration-match.ts), and each matched stored record, its memberships and its
 * people-search row are re-keyed to the new id, so the ordinary diff sees a changed record instead of one gone
 * and one new, and memberships of matched people in matched teams as unchanged. Each match gets an id-map
 * row and a `<prefix>.migrated` event `{ previous_id, id, record }`. Returns the new ids that matched (the
 * commit emits no created/updated event for them).
 */
export async function rekeyMatched(
  trx: Transaction<Database>,
  input: { runId: string; account: AccountRef; resource: UnifiedResourceName; prefix: string; now: string },
  migration: PendingMigration,
  events: EventDraft[],
): Promise<Set<string>> {
  const { account, resource } = input;
  if (!matchedResources.has(resource)) return new Set();
  const previous = await trx
    .selectFrom("directory_records")
    .select("record")
    .where("account_id", "=", account.id)
    .where("resource", "=", resource)
    .where("deleted_at", "is", null)
    .execute();
  const staged = await stagedRecords(trx, input.runId, resource);
  // A stored record the run staged under the same id is already the successor's (matched, or created, by an
  // earlier run of a job that read only some resources): it is not matched again.
  const previousRecords = previous
    .map((row) => JSON.parse(row.record) as Record_)
    .filter((record) => !staged.ids.has(record.id));
  const matches = matchRecords(resource, previousRecords, [...staged.records.values()], migration.mapRole);
  for (const match of matches) {
    await trx
      .updateTable("directory_records")
      .set({ remote_id: match.id, updated_at: input.now })
      .where("account_id", "=", account.id)
      .where("resource", "=", resource)
      .where("remote_id", "=", match.previous_id)
      .execute();
    if (resource === "users" || resource === "groups") {
      const column = resource === "users" ? "user_id" : "group_id";
      await trx
        .updateTable("directory_memberships")
        .set({ [column]: match.id })
        .where("account_id", "=", account.id)
        .where(column, "=", match.previous_id)
        .execute();
    }
    events.push({
      type: `${input.prefix}.migrated`,
      record: { previous_id: match.previous_id, id: match.id, record: staged.records.get(match.id) },
    });
  }
  if (resource === "users") await rekeyUserSearch(trx, account, matches);
  await new AccountIdMapRepository(trx).put(
    account.id,
    matches.map((match) => ({
      resource,
      ...match,
      previous_integration: migration.previousIntegration,
      created_at: input.now,
    })),
  );
  return new Set(matches.map((m) => m.id));
}

/** Previous records the matching sync tombstoned are kept in the id map as `unmatched`. */
export async function recordUnmatched(
  trx: Transaction<Database>,
  input: { account: AccountRef; resource: UnifiedResourceName; now: string },
  migration: PendingMigration,
  goneIds: readonly string[],
): Promise<void> {
  if (!matchedResources.has(input.resource)) return;
  await new AccountIdMapRepository(trx).put(
    input.account.id,
    goneIds.map((previousId) => ({
      resource: input.resource,
      previous_id: previousId,
      id: null,
      matched_by: "unmatched",
      previous_integration: migration.previousIntegration,
      created_at: input.now,
    })),
  );
}

/**
 * The run's staged records of a resource by id (a record staged twice counts at its last position), and the
 * ids of every staged row, those staged as the hash of their unchanged stored copy included.
 */
async function stagedRecords(
  trx: Transaction<Database>,
  runId: string,
  resource: string,
): Promise<{ records: Map<string, Record_>; ids: Set<string> }> {
  const rows = await trx
    .selectFrom("sync_run_staging")
    .select(["remote_id", "record"])
    .where("run_id", "=", runId)
    .where("resource", "=", resource)
    .orderBy("position")
    .execute();
  const records = new Map<string, Record_>();
  for (const row of rows)
    if (row.record !== null) records.set(row.remote_id, JSON.parse(row.record) as Record_);
  return { records, ids: new Set(rows.map((row) => row.remote_id)) };
}
