import type { Db } from "../store/database.ts";
import type { KeysetPosition } from "../store/keyset.ts";

/** One outbox event as the change feed shows it; `data` is the webhook payload's `data`. */
export interface FeedEvent {
  id: string;
  type: string;
  integrated_account_id: string;
  tenant_id: string;
  integration: string;
  sync_job_run_id: string | null;
  data: unknown;
  created_at: string;
}

export interface FeedFilter {
  integrated_account_id?: string;
  /** Exact event types; any of them matches. */
  types?: readonly string[];
}

/**
 * Reads the outbox of one environment, newest first (by the events' sequence, which orders the many events of
 * one commit). Keyset-paginated: the position's `created_at` carries the sequence (text that sorts in
 * creation order), so each row comes back as `{ created_at: sequence, id, event }` for the API's keyset pages.
 * Another environment's events are never read.
 */
export async function listFeedEvents(
  db: Db,
  environmentId: string,
  filter: FeedFilter,
  page: { limit: number; after?: KeysetPosition },
): Promise<{ created_at: string; id: string; event: FeedEvent }[]> {
  let query = db.selectFrom("change_events").selectAll().where("environment_id", "=", environmentId);
  if (filter.integrated_account_id !== undefined)
    query = query.where("integrated_account_id", "=", filter.integrated_account_id);
  if (filter.types && filter.types.length > 0) query = query.where("type", "in", [...filter.types]);
  // Sequences are unique, so the sequence alone is the keyset position.
  if (page.after) query = query.where("sequence", "<", page.after.created_at);
  const rows = await query.orderBy("sequence", "desc").limit(page.limit).execute();
  return rows.map((row) => ({
    created_at: row.sequence,
    id: row.id,
    event: {
      id: row.id,
      type: row.type,
      integrated_account_id: row.integrated_account_id,
      tenant_id: row.tenant_id,
      integration: row.integration,
      sync_job_run_id: row.sync_job_run_id,
      data: JSON.parse(row.data) as unknown,
      created_at: row.created_at,
    },
  }));
}
