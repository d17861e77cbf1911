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
   * The live stored record with this id, as a detail read (see `#get`); after a migration, a previous id answers
   * with the record it was matched to, under its new id (the account's id map). Undefined when neither exists.
   */
  async get(accountId: string, resource: string, id: string) {
    const record = await this.#get(accountId, resource, id);
    if (record) return record;
    const successor = await new AccountIdMapRepository(this.store.db).successor(accountId, resource, id);
    return successor === undefined ? undefined : this.#get(accountId, resource, successor);
  }

  async #get(accountId: string, resource: string, id: string) {
    const row = await this.store.db
      .selectFrom("directory_records")
      .select("record")
      .where("account_id", "=", accountId)
      .where("resource", "=", resource)
      .where("remote_id", "=", id)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (!row) return undefined;
    const record = JSON.parse(row.record) as Record<string, unknown>;
    // A get is a detail read: as the live get, a group has its members, and a user its groups when the list copy
    // the sync stored lacks them (taken from the stored memberships, once groups were synced).
    if (resource === "users" && record.groups === undefined) {
      const groups = await this.#groupsOf(accountId, id);
      if (groups) record.groups = groups;
    }
    return record;
  }

  /** The user's groups as `{ id, name }` from the live stored memberships; undefined when no group was synced. */
  async #groupsOf(accountId: string, userId: string) {
    const synced = await this.store.db
      .selectFrom("directory_records")
      .select("remote_id")
      .where("account_id", "=", accountId)
      .where("resource", "=", "groups")
      .limit(1)
      .executeTakeFirst();
    if (!synced) return undefined;
    const rows = await this.store.db
      .selectFrom("directory_memberships as m")
      .innerJoin("directory_records as g", (join) =>
        join
          .onRef("g.account_id", "=", "m.account_id")
          .onRef("g.remote_id", "=", "m.group_id")
          .on("g.resource", "=", "groups")
          .on("g.deleted_at", "is", null),
      )
      .select(["m.group_id", "g.record"])
      .where("m.account_id", "=", accountId)
      .where("m.user_id", "=", userId)
      .where("m.deleted_at", "is", null)
      .orderBy("m.group_id")
      .execute();
    return rows.map((row) => {
      const name = (JSON.parse(row.record) as { name?: unknown }).name;
      return { id: row.group_id, name: typeof name === "string" ? name : null };
    });
  }

  #present(resource: string, json: string, include: string[]): Record<string, unknown> {
    const record = JSON.parse(json) as Record<string, unknown>;
    if (resource === "groups" && !include.includes("members")) delete record.members;
    return record;
  }
}
