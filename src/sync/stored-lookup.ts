import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import { chunks } from "../store/chunks.ts";
import type { Database } from "../store/schema.ts";

/*
 * Stored records of one account and resource looked up by remote id, one primary-key probe per id: the ids
 * are the rows of a VALUES list and each stored column is a correlated subquery. PostgreSQL cannot turn that
 * into a join, so the plan does not hinge on table statistics; with an `IN (...)` list or a join, a never
 * analysed table (autovacuum off, or right after a bulk load) gets a plan that reads every record of the
 * account on each call, i.e. per page.
 */

type WithRows = Database & { v: { column1: string; column2: string } };

export interface StoredCopy {
  record: string;
  content_hash: string;
  deleted_at: string | null;
}

/**
 * The content hashes of the stored copies (live or tombstoned) that are byte for byte the given JSON: the
 * same JSON is the same content, so its hash is known without canonicalising and hashing it again.
 */
export async function identicalCopies(
  db: Kysely<Database>,
  scope: { accountId: string; resource: string },
  records: readonly { id: string; json: string }[],
): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const part of chunks(records, 250)) {
    const rows = await db
      .selectFrom(valuesList(part.map((r) => [r.id, r.json])))
      .select((eb) => [
        "v.column1 as remote_id",
        stored(eb, scope).select("d.content_hash").whereRef("d.record", "=", "v.column2").as("content_hash"),
      ])
      .execute();
    for (const row of rows) if (row.content_hash !== null) hashes.set(row.remote_id, row.content_hash);
  }
  return hashes;
}

/** The stored copies themselves (record, hash, tombstone), for the few records a commit writes. */
export async function storedCopies(
  db: Kysely<Database>,
  scope: { accountId: string; resource: string },
  ids: readonly string[],
): Promise<Map<string, StoredCopy>> {
  const copies = new Map<string, StoredCopy>();
  for (const part of chunks(ids, 500)) {
    const rows = await db
      .selectFrom(valuesList(part.map((id) => [id])))
      .select((eb) => [
        "v.column1 as remote_id",
        stored(eb, scope).select("d.record").as("record"),
        stored(eb, scope).select("d.content_hash").as("content_hash"),
        stored(eb, scope).select("d.deleted_at").as("deleted_at"),
      ])
      .execute();
    for (const row of rows)
      if (row.record !== null && row.content_hash !== null)
        copies.set(row.remote_id, {
          record: row.record,
          content_hash: row.content_hash,
          deleted_at: row.deleted_at,
        });
  }
  return copies;
}

/** `(values (?, ...), ...) as v`: both databases name the columns `column1`, `column2`, ... */
function valuesList(rows: readonly string[][]) {
  const tuples = rows.map((row) => sql`(${sql.join(row)})`);
  return sql<{ column1: string; column2: string }>`(values ${sql.join(tuples)})`.as("v");
}

/** A subquery over the stored copy of the VALUES row's id. */
function stored(eb: ExpressionBuilder<WithRows, "v">, scope: { accountId: string; resource: string }) {
  return eb
    .selectFrom("directory_records as d")
    .where("d.account_id", "=", scope.accountId)
    .where("d.resource", "=", scope.resource)
    .whereRef("d.remote_id", "=", "v.column1");
}
