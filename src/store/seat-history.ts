import type { Db } from "./database.ts";
import { newId } from "./ids.ts";
import { type KeysetPosition, olderThan } from "./keyset.ts";

/** One license's figures at a point of the seat history. */
export interface LicenseSeats {
  id: string;
  name: string;
  /** Seats in use; null when the provider does not say. */
  assigned_quantity: number | null;
  /** Seats the license provides in total; null when it sets no limit or the provider does not say. */
  available_quantity: number | null;
}

/** One point of an account's seat history: the figures a completed sync read. */
export interface SeatPoint {
  id: string;
  integrated_account_id: string;
  sync_job_run_id: string;
  seats_used: number | null;
  seats_available: number | null;
  licenses: LicenseSeats[];
  created_at: string;
}

/** Bounds of a history read: ISO-8601 timestamps, `since` inclusive and `until` exclusive. */
export interface SeatHistoryRange {
  since?: string;
  until?: string;
}

/** The only writer and reader of `seat_history` (migration 0015). */
export class SeatHistoryRepository {
  readonly name = "seat_history";

  constructor(private readonly db: Db) {}

  /** Adds a point; called inside the sync commit's transaction so the figures and the snapshot agree. */
  async record(point: Omit<SeatPoint, "id"> & { environment_id: string }): Promise<void> {
    await this.db
      .insertInto("seat_history")
      .values({
        id: newId("seat"),
        environment_id: point.environment_id,
        integrated_account_id: point.integrated_account_id,
        sync_job_run_id: point.sync_job_run_id,
        seats_used: point.seats_used,
        seats_available: point.seats_available,
        licenses: JSON.stringify(point.licenses),
        created_at: point.created_at,
      })
      .execute();
  }

  /** Newest first, keyset-paginated like Roster's other lists, within `range`. */
  async list(
    accountId: string,
    range: SeatHistoryRange,
    page: { limit: number; after?: KeysetPosition },
  ): Promise<SeatPoint[]> {
    let query = this.db.selectFrom("seat_history").selectAll().where("integrated_account_id", "=", accountId);
    if (range.since !== undefined) query = query.where("created_at", ">=", range.since);
    if (range.until !== undefined) query = query.where("created_at", "<", range.until);
    if (page.after) query = query.where(olderThan(page.after));
    const rows = await query.orderBy("created_at", "desc").orderBy("id", "desc").limit(page.limit).execute();
    return rows.map((row) => ({
      id: row.id,
      integrated_account_id: row.integrated_account_id,
      sync_job_run_id: row.sync_job_run_id,
      // pg hands integers back as numbers here (int4), SQLite too; Number() guards a bigint-as-string driver.
      seats_used: row.seats_used === null ? null : Number(row.seats_used),
      seats_available: row.seats_available === null ? null : Number(row.seats_available),
      licenses: JSON.parse(row.licenses) as LicenseSeats[],
      created_at: row.created_at,
    }));
  }
}
