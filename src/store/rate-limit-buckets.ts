import { sql } from "kysely";
import type { StoreHandle } from "./database.ts";
import { nowIso } from "./ids.ts";

/** The tables of pacing state, each one JSON state per pace key: bucket levels, and learnt rates. */
export type RateLimitTable = "rate_limit_buckets" | "rate_limit_learnt";

/**
 * Pacing state in the database (rate-limit bucket levels, or learnt rates). `update` is a locked
 * read-modify-write, so several instances on one PostgreSQL change one key's state without losing updates.
 */
export class RateLimitBucketRepository {
  constructor(
    private readonly store: StoreHandle,
    private readonly table: RateLimitTable = "rate_limit_buckets",
  ) {}

  /** The key's state as last written (parsed JSON), or undefined when it has none; takes no lock. */
  async read(key: string): Promise<unknown> {
    const row = await this.store.db
      .selectFrom(this.table)
      .select("state")
      .where("key", "=", key)
      .executeTakeFirst();
    return row ? JSON.parse(row.state) : undefined;
  }

  async update<R>(key: string, mutate: (state: unknown) => { state: unknown; result: R }): Promise<R> {
    const { db, dialect } = this.store;
    const table = this.table;
    return db.transaction().execute(async (trx) => {
      // Make sure the row exists so that the lock below always has something to hold.
      await trx
        .insertInto(table)
        .values({ key, state: "{}", updated_at: nowIso() })
        .onConflict((oc) => oc.column("key").doNothing())
        .execute();
      const row =
        dialect === "postgres"
          ? (
              await sql<{
                state: string;
              }>`select state from ${sql.table(table)} where key = ${key} for update`.execute(trx)
            ).rows[0]
          : await trx.selectFrom(table).select("state").where("key", "=", key).executeTakeFirst();
      const next = mutate(row ? JSON.parse(row.state) : undefined);
      await trx
        .updateTable(table)
        .set({ state: JSON.stringify(next.state), updated_at: nowIso() })
        .where("key", "=", key)
        .execute();
      return next.result;
    });
  }
}
