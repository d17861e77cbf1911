import type { Transaction } from "kysely";
import { chunks } from "../store/chunks.ts";
import { newId, nowIso } from "../store/ids.ts";
import type { Database } from "../store/schema.ts";
import { nextSequence } from "./event-sequence.ts";

export interface AccountRef {
  id: string;
  environment_id: string;
  tenant_id: string;
  integration: string;
}

export interface EventDraft {
  type: string;
  record: unknown;
  previous?: unknown;
  changed_fields?: string[];
  /** Extra context, e.g. the group of a membership event. */
  group?: { id: string; name: string | null };
}

/**
 * Writes change events into the outbox inside the caller's transaction: the snapshot and its events are
 * committed together or not at all. `data` is self-contained (account, tenant, integration, record), so a
 * webhook can be delivered from the row alone.
 */
export async function insertEvents(
  trx: Transaction<Database>,
  account: AccountRef,
  runId: string | null,
  drafts: readonly EventDraft[],
): Promise<void> {
  const now = nowIso();
  const rows = drafts.map((draft) => ({
    id: newId("evt"),
    sequence: nextSequence(),
    environment_id: account.environment_id,
    integrated_account_id: account.id,
    tenant_id: account.tenant_id,
    integration: account.integration,
    sync_job_run_id: runId,
    type: draft.type,
    data: JSON.stringify({
      integrated_account_id: account.id,
      tenant_id: account.tenant_id,
      integration: account.integration,
      record: draft.record,
      ...(draft.group ? { group: draft.group } : {}),
      ...(draft.previous !== undefined ? { previous: draft.previous } : {}),
      ...(draft.changed_fields ? { changed_fields: draft.changed_fields } : {}),
    }),
    created_at: now,
    delivered_at: null,
  }));
  for (const part of chunks(rows, 200)) await trx.insertInto("change_events").values(part).execute();
}

/**
 * Erases an account's change events and their webhook deliveries (payloads carry people's records), inside the
 * caller's transaction: deleting an account deletes what Roster keeps about its directory, the change feed and
 * the delivery log included. Events not yet delivered are dropped with them.
 */
export async function eraseAccountEvents(trx: Transaction<Database>, accountId: string): Promise<void> {
  await trx.deleteFrom("webhook_deliveries").where("integrated_account_id", "=", accountId).execute();
  await trx.deleteFrom("change_events").where("integrated_account_id", "=", accountId).execute();
}
