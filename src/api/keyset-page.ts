import type { CursorCodec } from "../core/cursor.ts";
import type { KeysetPosition } from "../store/keyset.ts";

/**
 * One page of a newest-first list kept by Roster itself (accounts, sync jobs, runs): it asks for one row more
 * than the page to know whether a next page exists, and signs the last row's position into the cursor.
 */
export async function keysetPage<T extends KeysetPosition, R>(options: {
  cursors: CursorCodec;
  scope: string;
  cursor: string | undefined;
  limit: number;
  load: (page: { limit: number; after?: KeysetPosition }) => Promise<T[]>;
  present: (row: T) => R;
}) {
  const { cursors, scope, limit } = options;
  const after = options.cursor ? cursors.decode(scope, options.cursor) : undefined;
  const rows = await options.load({
    limit: limit + 1,
    after: after ? { created_at: String(after.c), id: String(after.i) } : undefined,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    result: page.map(options.present),
    next_cursor:
      rows.length > limit && last ? cursors.encode(scope, { c: last.created_at, i: last.id }) : null,
    prev_cursor: null,
    result_count: page.length,
  };
}
