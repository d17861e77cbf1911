import { sql } from "kysely";
import type { StoreHandle } from "./database.ts";
import { newId } from "./ids.ts";
import type { AttemptRecord, ClaimedDelivery, DeliveryOutcome } from "./webhook-deliveries.ts";

/** One finished attempt of a claimed delivery, waiting to be recorded. */
export interface FinishedAttempt {
  delivery: ClaimedDelivery;
  attempt: AttemptRecord;
  outcome: DeliveryOutcome;
}

/**
 * Records the outcomes of many attempts at once: each delivery takes its new state and gets its attempt in
 * the log, atomically, but only where the attempt's claim still holds (same lease owner). Returns the ids of
 * the deliveries recorded; the others were no longer this worker's.
 *
 * PostgreSQL does it in one statement (a data-modifying CTE): one round trip and one commit for the whole
 * group, where a lone lane used to pay four round trips per delivery (begin, update, insert, commit).
 * SQLite has no such CTE but no round trips either: row by row, in one transaction.
 */
export async function recordOutcomes(store: StoreHandle, finished: FinishedAttempt[]): Promise<Set<string>> {
  if (finished.length === 0) return new Set();
  const rows = finished.map((f) => ({ ...f, state: nextState(f), attemptId: newId("wha") }));
  if (store.dialect === "sqlite") {
    return store.db.transaction().execute(async (trx) => {
      const recorded = new Set<string>();
      for (const { delivery, attempt, state, attemptId } of rows) {
        const result = await trx
          .updateTable("webhook_deliveries")
          .set({ ...state, lease_owner: null, lease_expires_at: null })
          .where("id", "=", delivery.id)
          .where("lease_owner", "=", delivery.lease_owner)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) continue;
        await trx
          .insertInto("webhook_attempts")
          .values({ id: attemptId, delivery_id: delivery.id, ...attempt })
          .execute();
        recorded.add(delivery.id);
      }
      return recorded;
    });
  }
  const values = rows.map(
    ({
      delivery,
      attempt,
      state,
      attemptId,
    }) => sql`(${delivery.id}, ${delivery.lease_owner}, ${state.status},
      cast(${state.attempts} as integer), cast(${state.schedule_step} as integer), ${state.next_attempt_at},
      ${attemptId}, ${attempt.attempted_at}, cast(${attempt.status_code} as integer),
      cast(${attempt.duration_ms} as integer), ${attempt.error}, ${attempt.response_snippet})`,
  );
  // `delivery_id` rather than `id` in v, so that `returning id` names the updated table's id unambiguously.
  const result = await sql<{ delivery_id: string }>`
    with v (delivery_id, lease_owner, status, attempts, schedule_step, next_attempt_at, attempt_id, attempted_at,
      status_code, duration_ms, error, response_snippet) as (values ${sql.join(values)}),
    u as (
      update webhook_deliveries as d set status = v.status, attempts = v.attempts,
        schedule_step = v.schedule_step, next_attempt_at = v.next_attempt_at, last_attempt_at = v.attempted_at,
        lease_owner = null, lease_expires_at = null
      from v where d.id = v.delivery_id and d.lease_owner = v.lease_owner
      returning id
    )
    insert into webhook_attempts (id, delivery_id, attempted_at, status_code, duration_ms, error, response_snippet)
    select v.attempt_id, v.delivery_id, v.attempted_at, v.status_code, v.duration_ms, v.error, v.response_snippet
    from v join u on u.id = v.delivery_id
    returning delivery_id`.execute(store.db);
  return new Set(result.rows.map((r) => r.delivery_id));
}

/** The delivery's columns after this attempt: a failure moves it one step along the retry schedule. */
function nextState({ delivery, attempt, outcome }: FinishedAttempt) {
  const failed = outcome.status === "failed";
  return {
    status: outcome.status,
    attempts: Number(delivery.attempts) + 1,
    schedule_step: Number(delivery.schedule_step) + (failed ? 1 : 0),
    next_attempt_at: failed ? outcome.nextAttemptAt : delivery.next_attempt_at,
    last_attempt_at: attempt.attempted_at,
  };
}
