import { AccountIdMapRepository } from "../store/account-id-map.ts";
import type { StoreHandle } from "../store/database.ts";

export interface StoredListQuery {
  accountId: string;
  resource: string;
  limit: number;
  /** The last remote id of the previous page (keyset). */
  after?: string;
  filters: Record<string, string>;
  include: string[];
  updatedSince?: string;
}

/**
 * Reads of the stored directory (the last completed snapshot of each account): live records only
 * (tombstones are not served), ordered by remote id, keyset-paginated. Records are served as the sync
 * stored them, i.e. exactly what the live API returned then; a group read without `include=members`
 * leaves its `members` out like the live list does.
 */
export class StoredDirectory {
  constructor(private readonly store: StoreHandle) {}

  async list(
    query: StoredListQuery,
  ): Promise<{ records: Record<string, unknown>[]; last?: string; more: boolean }> {
    let q = this.store.db
      .selectFrom("directory_records as d")
      .select(["d.remote_id", "d.record"])
      .where("d.account_id", "=", query.accountId)
      .where("d.resource", "=", query.resource)
      .where("d.deleted_at", "is", null);
    if (query.after !== undefined) q = q.where("d.remote_id", ">", query.after);
    if (query.updatedSince !== undefined) q = q.where("d.updated_at", ">=", query.updatedSince);
    const email = query.filters.email;
    if (email !== undefined) q = q.where("d.email", "=", email.toLowerCase());
    const groupId = query.filters.group_id;
    if (groupId !== undefined) {
      q = q.where("d.remote_id", "in", (eb) =>
        eb
          .selectFrom("directory_memberships as m")
          .select("m.user_id")
          .where("m.account_id", "=", query.accountId)
          .where("m.group_id", "=", groupId)
          .where("m.deleted_at", "is", null),
      );
    }
    const rows = await q
      .orderBy("d.remote_id")
      .limit(query.limit + 1)
      .execute();
    const page = rows.slice(0, query.limit);
    return {
      records: page.map((row) => this.#present(query.resource, row.record, query.include)),
      last: page.at(-1)?.remote_id,
      more: rows.length > query.limit,
    };
  }

  /**
   * The live stored record with this id; after a migration, a previous id answers with the record it was
   * matched to, under its new id (the account's id map). Undefined when neither exists.
   */
  async get(accountId: string, resource: string, id: string, include: string[]) {
    const record = await this.#get(accountId, resource, id, include);
    if (record) return record;
    const successor = await new AccountIdMapRepository(this.store.db).successor(accountId, resource, id);
    return successor === undefined ? undefined : this.#get(accountId, resource, successor, include);
  }

  async #get(accountId: string, resource: string, id: string, include: string[]) {
    const row = await this.store.db
      .selectFrom("directory_records")
      .select("record")
      .where("account_id", "=", accountId)
      .where("resource", "=", resource)
      .where("remote_id", "=", id)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    return row && this.#present(resource, row.record, include);
  }

  #present(resource: string, json: string, include: string[]): Record<string, unknown> {
    const record = JSON.parse(json) as Record<string, unknown>;
    if (resource === "groups" && !include.includes("members")) delete record.members;
    return record;
  }
}
