import { createHash } from "node:crypto";
import { z } from "zod";
import { AppError } from "../../../core/errors.ts";
import { StoredDirectory } from "../../../directory/stored-directory.ts";
import type { ListOptions } from "../../../unified/list-query.ts";
import type { AppContext } from "../../context.ts";

/** Query parameters that switch a unified read to the stored directory. */
export const storeSourceQuery = {
  source: z
    .enum(["live", "store"])
    .optional()
    .describe(
      "`store`: read the last completed sync of the account instead of calling the provider (same envelope, " +
        "cursors and filters; tombstoned records are not served). Stored records are the copies the sync read " +
        "from the provider's lists: a get has a group's `members` and a user's `groups`, but not the fields only a " +
        "live get of one user reads (contact methods: `phones`). Default `live`.",
    ),
  updated_since: z.iso
    .datetime()
    .optional()
    .describe("With `source=store`: only records whose stored copy changed at or after this time."),
};

const MAX_FETCH_ALL = 100_000;

/** A unified list from the store, shaped like the live one (`ignore_remote_data`, `response_format=raw`). */
export async function storedList(
  context: AppContext,
  environmentId: string,
  resource: string,
  q: { integrated_account_id: string; fetch_all?: boolean; updated_since?: string },
  options: ListOptions,
) {
  await requireAccount(context, environmentId, q.integrated_account_id);
  const shapeKey = JSON.stringify([
    Object.entries(options.filters).sort(),
    [...options.include].sort(),
    q.updated_since ?? null,
  ]);
  const digest = createHash("sha256").update(shapeKey).digest("base64url").slice(0, 16);
  const scope = `store:${q.integrated_account_id}:${resource}:${digest}`;
  const after = options.cursor ? String(context.cursors.decode(scope, options.cursor).a) : undefined;
  const directory = new StoredDirectory(context.store);
  const query = {
    accountId: q.integrated_account_id,
    resource,
    filters: options.filters,
    include: options.include,
    updatedSince: q.updated_since,
  };
  if (q.fetch_all) {
    const all: unknown[] = [];
    let position = after;
    for (;;) {
      const page = await directory.list({ ...query, limit: 1000, after: position });
      all.push(...page.records.map((r) => shape(r, options)));
      if (!page.more || all.length >= MAX_FETCH_ALL) break;
      position = page.last;
    }
    return { result: all, next_cursor: null, prev_cursor: null, result_count: all.length };
  }
  const page = await directory.list({ ...query, limit: options.limit ?? 100, after });
  return {
    result: page.records.map((r) => shape(r, options)),
    next_cursor: page.more && page.last ? context.cursors.encode(scope, { a: page.last }) : null,
    prev_cursor: null,
    result_count: page.records.length,
  };
}

export async function storedRecord(
  context: AppContext,
  environmentId: string,
  resource: string,
  id: string,
  q: { integrated_account_id: string },
  options: Pick<ListOptions, "ignoreRemoteData" | "raw">,
) {
  await requireAccount(context, environmentId, q.integrated_account_id);
  const record = await new StoredDirectory(context.store).get(q.integrated_account_id, resource, id);
  if (!record) throw new AppError("not_found", { message: `No stored ${resource} record ${id}.` });
  return shape(record, options);
}

async function requireAccount(context: AppContext, environmentId: string, accountId: string) {
  if (!(await context.accounts.get(environmentId, accountId)))
    throw new AppError("not_found", { message: "No such integrated account." });
}

function shape(record: Record<string, unknown>, options: Pick<ListOptions, "ignoreRemoteData" | "raw">) {
  if (options.raw) return record.remote_data ?? null;
  if (options.ignoreRemoteData) {
    const { remote_data: _dropped, ...rest } = record;
    return rest;
  }
  return record;
}
