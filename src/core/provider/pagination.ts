/**
 * Pagination as a provider definition declares it: a closed union of named styles, each implemented once as
 * a strategy in src/http/pagination/. A new quirk is a new member here and a new tested strategy there.
 */

/**
 * Where a page starts: string values only, keys chosen by the strategy — `offset` (offset-links, offset-more),
 * `cursor` (cursor: the provider's own opaque cursor), `index` (none: a slice of a whole list). `null` is the
 * first page. The API signs a position into an opaque cursor bound to the account and resource; a sync run
 * stores it as its page checkpoint. Strategies refuse a malformed position with `invalid_cursor`.
 */
export type PagePosition = Record<string, string>;

/**
 * limit/offset paging where the provider says where the next page starts through a next-link URL
 * (absolute or relative) in the body, e.g. `{ data: [...], paging: { next: "https://…?offset=200" } }`.
 * The link, not the item count, decides: a page may be shorter than asked and still not be the last.
 */
export interface OffsetLinksConfig {
  kind: "offset-links";
  itemsPath: string;
  /** Dotted body path of the next-page URL; absent/empty means last page. */
  nextPath: string;
  /** Fallback: response header holding the next-page URL. */
  nextHeader?: string;
  /** Dotted body path of the list's total, when the provider sends one (e.g. "totalCount"). */
  totalPath?: string;
  limitParam?: string;
  offsetParam?: string;
  maxLimit?: number;
}

/**
 * limit/offset paging with a boolean "more" flag in the body (`{ users, limit, offset, more }`):
 * the next offset is the current one plus the items actually returned.
 */
export interface OffsetMoreConfig {
  kind: "offset-more";
  itemsPath: string;
  morePath?: string;
  /** Dotted body path of the list's total, when the provider sends one (e.g. "totalCount"). */
  totalPath?: string;
  limitParam?: string;
  offsetParam?: string;
  maxLimit?: number;
  /** Provider ceiling on offset + limit (requests beyond it fail); paging stops there, marked truncated. */
  maxOffsetPlusLimit?: number;
}

/** Opaque provider cursors: the next cursor sits in the body; null, absent or empty means the end. */
export interface CursorConfig {
  kind: "cursor";
  itemsPath: string;
  nextCursorPath: string;
  cursorParam?: string;
  /** Dotted body path of the list's total, when the provider sends one (e.g. "totalCount"). */
  totalPath?: string;
  limitParam?: string;
  maxLimit?: number;
}

/**
 * The provider returns everything in one response; Roster slices it locally so callers still get pages.
 * Every page re-fetches the full list (nothing is cached), so a page reflects the provider's current state.
 */
export interface NoneConfig {
  kind: "none";
  itemsPath: string;
}

/** The paging styles a provider definition can name. */
export type PaginationSpec = OffsetLinksConfig | OffsetMoreConfig | CursorConfig | NoneConfig;
export type PaginationKind = PaginationSpec["kind"];
