/**
 * Offset paging over an in-memory list: read the window from the query, filter, sort, slice, and work out
 * the neighbouring pages' offsets. The envelope is the caller's function of the page, so one mechanism
 * serves Opsgenie (`data` + `paging` links), PagerDuty (`{users, limit, offset, more, total}`) and Jira
 * (`startAt`, `maxResults`, `total`) alike.
 */

/** The window a client asked for: skip `offset` items, answer at most `limit`. */
export interface Window {
  offset: number;
  limit: number;
}

/** Offsets of the pages around one page. */
export interface PageOffsets {
  first: 0;
  /** The largest multiple of `limit` below `total` (0 for an empty list). */
  last: number;
  /** offset - limit (at least 0); absent on the first page. */
  prev?: number;
  /** offset + limit; absent once offset + limit reaches total. */
  next?: number;
}

/** The offsets of first, last, previous and next pages; `more` in PagerDuty terms is `next !== undefined`. */
export function pageOffsets(offset: number, limit: number, total: number): PageOffsets {
  const out: PageOffsets = { first: 0, last: total > 0 ? Math.floor((total - 1) / limit) * limit : 0 };
  if (offset > 0) out.prev = Math.max(0, offset - limit);
  if (offset + limit < total) out.next = offset + limit;
  return out;
}

/** How a provider reads its paging parameters. */
export interface WindowParams {
  /** Query parameter names, e.g. "limit" and "offset" (Jira: "maxResults" and "startAt"). */
  limitParam: string;
  offsetParam: string;
  /** Used when the limit is absent or empty. */
  defaultLimit: number;
  /** Larger limits are capped to this (not refused). */
  maxLimit: number;
  /** The provider's error for a limit that is not an integer >= 1 or an offset that is not an integer >= 0. */
  invalid(which: "limit" | "offset", param: string): Error;
}

/** Reads the window from `query` (the limit is checked first). */
export function readWindow(query: URLSearchParams, params: WindowParams): Window {
  const rawLimit = query.get(params.limitParam);
  const rawOffset = query.get(params.offsetParam);
  let limit = params.defaultLimit;
  if (rawLimit !== null && rawLimit !== "") {
    limit = Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1) throw params.invalid("limit", params.limitParam);
  }
  let offset = 0;
  if (rawOffset !== null && rawOffset !== "") {
    offset = Number(rawOffset);
    if (!Number.isInteger(offset) || offset < 0) throw params.invalid("offset", params.offsetParam);
  }
  return { offset, limit: Math.min(limit, params.maxLimit) };
}

/** One page of a list. */
export interface OffsetPage<T> extends Window {
  /** The items of this page, in list order. */
  items: T[];
  /** Items in the whole list after filtering. */
  total: number;
  offsets: PageOffsets;
}

/** What to list: the window, and optionally a filter and a sort. */
export interface ListRequest<T> extends Window {
  filter?: (item: T) => boolean;
  /** Items are compared by this string (code-unit order); ties keep their original order. */
  sortKey?: (item: T) => string;
  /** Default "asc". */
  order?: "asc" | "desc";
}

/** Filters and sorts a copy of `items`, slices the window and hands the page to `envelope`. */
export function offsetList<T, R>(
  items: readonly T[],
  request: ListRequest<T>,
  envelope: (page: OffsetPage<T>) => R,
): R {
  const list = request.filter ? items.filter(request.filter) : items.slice();
  const key = request.sortKey;
  if (key) {
    const sign = request.order === "desc" ? -1 : 1;
    list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * sign);
  }
  const { offset, limit } = request;
  return envelope({
    items: list.slice(offset, offset + limit),
    offset,
    limit,
    total: list.length,
    offsets: pageOffsets(offset, limit, list.length),
  });
}
