import type { CursorConfig, NoneConfig, OffsetMoreConfig } from "../../core/provider/pagination.ts";

/** PagerDuty's hard ceiling on `offset + limit` (reference §1.5): past it the API answers 400. */
export const OFFSET_CEILING = 10_000;

/** A classic PagerDuty list `{ <items>, limit, offset, more, total }`: limit ≤ 100, stopping at the ceiling. */
export function offsetPaging(itemsPath: string): OffsetMoreConfig {
  return { kind: "offset-more", itemsPath, maxLimit: 100, maxOffsetPlusLimit: OFFSET_CEILING };
}

/**
 * The `query` values that split a list into partitions past the ceiling. Letters go from the rarest in
 * names to the most common, so the walk (which stops once it has every record) usually ends before the
 * common letters, whose own lists could pass the ceiling; digits come last, as names rarely hold them.
 * A record whose name holds none of these characters (e.g. written only in CJK script) cannot be reached
 * past the ceiling; the walk then says how many it missed.
 */
export const NARROWING_VALUES: readonly string[] = [...("qjzxvkwyfbghmpducl" + "snirotae"), ..."0123456789"];

/**
 * PagerDuty's `query` is "records whose name matches the query"; Roster assumes a case-insensitive
 * substring of `name` [unverified]. This rule must never claim a match PagerDuty does not make, so it stays
 * that narrow: no accent folding, name only (PagerDuty may match more, e.g. e-mail, which costs reads only).
 */
export function nameContains(item: unknown, value: string): boolean {
  const name = (item as { name?: unknown } | null)?.name;
  return typeof name === "string" && name.toLowerCase().includes(value);
}

/** A list of named records (users, teams) read whole past the ceiling by narrowing on `query`. */
export function narrowedPaging(itemsPath: string): OffsetMoreConfig {
  return {
    ...offsetPaging(itemsPath),
    narrowing: { param: "query", values: NARROWING_VALUES, matches: nameContains },
  };
}

/** `/audit/records`: `{ records, limit, next_cursor }`. */
export const auditCursorPaging = {
  kind: "cursor",
  itemsPath: "records",
  nextCursorPath: "next_cursor",
  maxLimit: 100,
} satisfies CursorConfig;

/** Lists PagerDuty returns whole (`/licenses`, `/abilities`, a user's contact methods). */
export function wholeList(itemsPath: string): NoneConfig {
  return { kind: "none", itemsPath };
}
