import type { Transaction } from "kysely";
import type { Database } from "../store/schema.ts";
import { type LicenseSeats, SeatHistoryRepository } from "../store/seat-history.ts";

/** The account a point of seat history belongs to. */
export interface SeatAccount {
  id: string;
  environment_id: string;
}

/**
 * Adds the account's seat figures to its history, from the license records the run just committed (read
 * inside the commit's transaction `trx`, so the point matches the snapshot). Seats used is the sum of the
 * licenses' `assigned_quantity` (null when no license says), seats available the sum of their
 * `available_quantity` (null when any license sets no limit or does not say: the total is then unknown).
 * An account without licenses records nothing.
 */
export async function recordSeatFigures(
  trx: Transaction<Database>,
  account: SeatAccount,
  runId: string,
  now: string,
): Promise<void> {
  const rows = await trx
    .selectFrom("directory_records")
    .select("record")
    .where("account_id", "=", account.id)
    .where("resource", "=", "licenses")
    .where("deleted_at", "is", null)
    .orderBy("remote_id")
    .execute();
  if (rows.length === 0) return;
  const licenses = rows.map((row) => toLicenseSeats(JSON.parse(row.record) as Record<string, unknown>));
  await new SeatHistoryRepository(trx).record({
    environment_id: account.environment_id,
    integrated_account_id: account.id,
    sync_job_run_id: runId,
    ...seatTotals(licenses),
    licenses,
    created_at: now,
  });
}

/** Totals of `licenses`, as described on recordSeatFigures. */
export function seatTotals(licenses: readonly LicenseSeats[]): {
  seats_used: number | null;
  seats_available: number | null;
} {
  const used = licenses.map((l) => l.assigned_quantity).filter((n): n is number => n !== null);
  const available = licenses.map((l) => l.available_quantity);
  return {
    seats_used: used.length === 0 ? null : used.reduce((a, b) => a + b, 0),
    seats_available: available.some((n) => n === null)
      ? null
      : (available as number[]).reduce((a, b) => a + b, 0),
  };
}

function toLicenseSeats(record: Record<string, unknown>): LicenseSeats {
  const quantity = (value: unknown) => (typeof value === "number" ? value : null);
  return {
    id: String(record.id),
    name: typeof record.name === "string" ? record.name : String(record.id),
    assigned_quantity: quantity(record.assigned_quantity),
    available_quantity: quantity(record.available_quantity),
  };
}
