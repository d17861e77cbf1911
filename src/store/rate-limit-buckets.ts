import { sql } from "kysely";
import type { StoreHandle } from "./database.ts";
import { nowIso } from "./ids.ts";

/**
 * Rate-limit bucket state in the database. `update` is a locked read-modify-write, so several instances
 * on one PostgreSQL take tokens from one budget without losing updates.
 */
export class RateLimitBucketRepository {
  constructor(private readonly store: StoreHandle) {}

  async update<R>(key: string, mutate: (state: unknown) => { state: unknown; result: R }): Promise<R> {
    const { db, dialect } = this.store;
    return db.transaction().execute(async (trx) => {
      // Make sure the row exists so that the lock below always has something to hold.
      await trx
        .insertInto("rate_limit_buckets")
        .values({ key, state: "{}", updated_at: nowIso() })
        .onConflict((oc) => oc.column("key").doNothing())
        .execute();
      const row =
        dialect === "postgres"
          ? (
              await sql<{
                state: string;
              }>`select state from rate_limit_buckets where key = ${key} for update`.execute(trx)
            ).rows[0]
          : await trx
              .selectFrom("rate_limit_buckets")
              .select("state")
              .where("key", "=", key)
              .executeTakeFirst();
      const next = mutate(row ? JSON.parse(row.state) : undefined);
      await trx
        .updateTable("rate_limit_buckets")
        .set({ state: JSON.stringify(next.state), updated_at: nowIso() })
        .where("key", "=", key)
        .execute();
      return next.result;
    });
  }
}
