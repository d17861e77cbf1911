import { type RawBuilder, sql } from "kysely";

/** A position in a newest-first list ordered by (created_at desc, id desc). */
export interface KeysetPosition {
  created_at: string;
  id: string;
}

/**
 * The rows after `position` in newest-first order. Keyset paging keeps pages stable while rows are added,
 * which offsets would not; the same condition serves every table listed this way.
 */
export function olderThan(position: KeysetPosition): RawBuilder<boolean> {
  return sql<boolean>`(created_at < ${position.created_at} or (created_at = ${position.created_at} and id < ${position.id}))`;
}
