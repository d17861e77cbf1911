/**
 * Pagination as a provider definition declares it: a closed union of named styles, each implemented once as
 * a strategy in src/http/pagination/. A new quirk is a new member here and a new tested strategy there.
 */

/**
 * Where a page starts: string values only, keys chosen by the strategy — `offset` (offset-links, offset-more;
 * narrowed offset-more adds `part`, `total`, `kept` and `cut`),
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
 * How an offset list longer than the provider's ceiling is still read whole: by partitions, each the list
 * narrowed by one value of a query parameter (e.g. `query=a`, `query=b`, ...). An item is kept only in the
 * first partition, in `values` order, whose value `matches` it, so every item comes once without the walk
 * remembering ids (positions stay small). The walk ends once it has kept as many items as the provider
 * counted on the first page (`countParam=true`); fewer at the end is reported as a truncated page.
 */
export interface OffsetNarrowing {
  /** The query parameter that narrows the list, e.g. "query". */
  param: string;
  /** Its values, one partition each, walked in this order (put the most selective first: the walk stops early). */
  values: readonly string[];
  /**
   * Whether the list narrowed by `value` holds `item` (the raw provider record). It must never claim a match
   * the provider does not make (an item would be skipped in its own partition); a narrower rule only costs reads.
   */
  matches(item: unknown, value: string): boolean;
  /** Parameter asking the provider to count the list on the first page; default "total". */
  countParam?: string;
  /** Body path of that count; default "total". */
  countPath?: string;
}

/**
 * limit/offset paging with a boolean "more" flag in the body (`{ users, limit, offset, more }`):
 * the next offset is the current one plus the items actually returned.
 */
export interface OffsetMoreConfig {
  kind: "offset-more";
  itemsPath: string;
  morePath?: string;
  /**
   * What says another page may follow: `flag` (default) the boolean at `morePath`; `items` any non-empty page,
   * for providers that send neither a flag nor a total and may return short pages (a bare array read until
   * an empty page, e.g. `?startAt=&maxResults=`). `items` costs one empty read at the end.
   */
  moreWhen?: "flag" | "items";
  /** Dotted body path of the list's total, when the provider sends one (e.g. "totalCount"). */
  totalPath?: string;
  limitParam?: string;
  offsetParam?: string;
  maxLimit?: number;
  /** Provider ceiling on offset + limit (requests beyond it fail); paging stops there, marked truncated. */
  maxOffsetPlusLimit?: number;
  /** Reaches past `maxOffsetPlusLimit` by partitions of the list (positions `{ part, offset, total, kept }`). */
  narrowing?: OffsetNarrowing;
}

/** Opaque provider cursors: the next cursor sits in the body; null, absent or empty means the end. */
export interface CursorConfig {
  kind: "cursor";
  itemsPath: string;
  nextCursorPath: string;
  cursorParam?: string;
  /**
   * Where the page parameters go: `query` (default) or the JSON `body` of the request (merged over the
   * request's own body; the page size is sent as a number), e.g. a `POST …/members` `{ first, after }`.
   */
  paramsIn?: "query" | "body";
  /** Dotted body path of a "has more" boolean; when set, anything but `true` ends the list whatever the cursor. */
  hasMorePath?: string;
  /**
   * The value at `nextCursorPath` is a next-page URL (absolute or relative) whose `cursorParam` query
   * parameter is the cursor, e.g. `links.next: "https://…/users?cursor=abc"`; the URL's host is never used.
   */
  cursorInLink?: boolean;
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

/**
 * Why a list ended before its last record: the provider cannot serve the rest (e.g. an offset ceiling). The
 * message says what was left out and why, in words a caller can act on.
 */
export interface PageTruncation {
  message: string;
}

/** The paging styles a provider definition can name. */
export type PaginationSpec = OffsetLinksConfig | OffsetMoreConfig | CursorConfig | NoneConfig;
export type PaginationKind = PaginationSpec["kind"];
