/**
 * PagerDuty's classic offset paging (reference §1.5): `limit` (default 25, capped to 100), `offset`, an
 * `offset + limit` ceiling of 10,000 (400 past it), and the envelope `{ <plural>: [...], limit, offset, more,
 * total }` where `total` is null unless `total=true`. Array parameters use brackets (`team_ids[]=P1`).
 */
import { offsetList, readWindow, type Window } from "../kit/offset-list.ts";
import { type Json, ok, type Reply } from "../kit/reply.ts";
import { invalidInput } from "./errors.ts";

/** The largest `offset + limit` PagerDuty serves. */
export const OFFSET_CEILING = 10_000;

/** Reads `limit`/`offset`; throws a 400 for a non-integer or negative value, or past the ceiling. */
export function readPage(query: URLSearchParams): Window {
  const window = readWindow(query, {
    limitParam: "limit",
    offsetParam: "offset",
    defaultLimit: 25,
    maxLimit: 100,
    invalid: (which) =>
      invalidInput(
        which === "limit" ? "Limit must be a positive integer" : "Offset must be a non-negative integer",
      ),
  });
  // [unverified] wording; the 400 past offset + limit = 10,000 is documented.
  if (window.offset + window.limit > OFFSET_CEILING) throw invalidInput("Offset must be less than 10000.");
  return window;
}

/** The values of a bracketed array parameter (`name[]`), empty ones dropped. */
export function arrayParam(query: URLSearchParams, name: string): string[] {
  return query.getAll(`${name}[]`).filter((v) => v !== "");
}

/** The `include[]` values asked for. Values the route does not know are ignored [unverified]. */
export function includes(query: URLSearchParams): Set<string> {
  return new Set(arrayParam(query, "include"));
}

/** One page of `items` (optionally filtered) as `{ [plural]: view(item)[], limit, offset, more, total }`. */
export function offsetPage<T>(
  query: URLSearchParams,
  items: readonly T[],
  plural: string,
  view: (item: T) => Json,
  filter?: (item: T) => boolean,
): Reply {
  const window = readPage(query);
  const withTotal = query.get("total") === "true";
  return offsetList(items, { ...window, filter }, (page) =>
    ok({
      [plural]: page.items.map(view),
      limit: page.limit,
      offset: page.offset,
      more: page.offsets.next !== undefined,
      total: withTotal ? page.total : null,
    }),
  );
}
