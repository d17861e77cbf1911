import { sql } from "kysely";
import type { Db } from "./database.ts";
import type { KeysetPosition } from "./keyset.ts";
import type { AccountIdMapTable } from "./schema.ts";

/** How a previous record was matched to its successor; `unmatched` has no successor (`id` null). */
export type MatchedBy = "email" | "name" | "role" | "unmatched";

/** One row of an account's id map as the API lists it. */
export interface IdMapEntry {
  resource: string;
  previous_id: string;
  id: string | null;
  matched_by: MatchedBy;
  previous_integration: string;
  created_at: string;
}

export interface IdMapFilter {
  resource?: string;
  matched_by?: MatchedBy;
}

/** The only writer and reader of `account_id_map` (migration 0011). */
export class AccountIdMapRepository {
  readonly name = "account_id_map";

  constructor(private readonly db: Db) {}

  /** Writes rows of one account; a row already there (same resource and previous id) is replaced. */
  async put(accountId: string, rows: readonly Omit<AccountIdMapTable, "account_id">[]): Promise<void> {
    for (const row of rows) {
      await this.db
        .insertInto("account_id_map")
        .values({ ...row, account_id: accountId })
        .onConflict((oc) =>
          oc.columns(["account_id", "resource", "previous_id"]).doUpdateSet((eb) => ({
            id: eb.ref("excluded.id"),
            matched_by: eb.ref("excluded.matched_by"),
            previous_integration: eb.ref("excluded.previous_integration"),
            created_at: eb.ref("excluded.created_at"),
          })),
        )
        .execute();
    }
  }

  /** The successor id of a previous id; undefined when the id was never mapped or stayed unmatched. */
  async successor(accountId: string, resource: string, previousId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom("account_id_map")
      .select("id")
      .where("account_id", "=", accountId)
      .where("resource", "=", resource)
      .where("previous_id", "=", previousId)
      .executeTakeFirst();
    return row?.id ?? undefined;
  }

  /**
   * Newest first, keyset-paginated like Roster's other lists: the position's `id` is the row's key within the
   * account (`resource:previous_id`), so each row comes back as `{ created_at, id: key, entry }`.
   */
  async list(
    accountId: string,
    filter: IdMapFilter,
    page: { limit: number; after?: KeysetPosition },
  ): Promise<{ created_at: string; id: string; entry: IdMapEntry }[]> {
    const key = sql<string>`resource || ':' || previous_id`;
    let query = this.db
      .selectFrom("account_id_map")
      .select(["resource", "previous_id", "id", "matched_by", "previous_integration", "created_at"])
      .select(key.as("key"))
      .where("account_id", "=", accountId);
    if (filter.resource !== undefined) query = query.where("resource", "=", filter.resource);
    if (filter.matched_by !== undefined) query = query.where("matched_by", "=", filter.matched_by);
    if (page.after) {
      const { created_at, id } = page.after;
      query = query.where(
        sql<boolean>`(created_at < ${created_at} or (created_at = ${created_at} and ${key} < ${id}))`,
      );
    }
    const rows = await query.orderBy("created_at", "desc").orderBy(key, "desc").limit(page.limit).execute();
    return rows.map((r) => ({
      created_at: r.created_at,
      id: r.key,
      entry: {
        resource: r.resource,
        previous_id: r.previous_id,
        id: r.id,
        matched_by: r.matched_by as MatchedBy,
        previous_integration: r.previous_integration,
        created_at: r.created_at,
      },
    }));
  }
}
