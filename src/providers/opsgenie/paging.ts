import type { NoneConfig, OffsetLinksConfig } from "../../core/provider/pagination.ts";

/** Opsgenie's paged lists: `limit` ≤ 100 and `offset`, items in `data`, the next page in `paging.next`. */
export const offsetPaging = {
  kind: "offset-links",
  itemsPath: "data",
  nextPath: "paging.next",
  nextHeader: "x-paging-next",
  totalPath: "totalCount",
  maxLimit: 100,
} satisfies OffsetLinksConfig;

/** Lists Opsgenie returns whole (teams, roles, schedules, ...): Roster slices them into pages itself. */
export const wholeList = { kind: "none", itemsPath: "data" } satisfies NoneConfig;
