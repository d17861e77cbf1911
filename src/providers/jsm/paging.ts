import type {
  CursorConfig,
  NoneConfig,
  OffsetLinksConfig,
  OffsetMoreConfig,
} from "../../core/provider/pagination.ts";

/** Jira's `startAt`/`maxResults` over a bare array (≤ 1000): pages may be short, an empty page ends it. */
export const jiraUsersPaging: OffsetMoreConfig = {
  kind: "offset-more",
  itemsPath: "",
  moreWhen: "items",
  offsetParam: "startAt",
  limitParam: "maxResults",
  maxLimit: 1000,
};

/** JSM Ops lists: `offset`/`size` and a relative `links.next`, missing on the last page (size ≤ 100 assumed). */
export function opsPaging(itemsPath = "values"): OffsetLinksConfig {
  return {
    kind: "offset-links",
    itemsPath,
    nextPath: "links.next",
    offsetParam: "offset",
    limitParam: "size",
    maxLimit: 100,
  };
}

/** Teams API members: `POST {first, after}` → `{results, pageInfo: {endCursor, hasNextPage}}`. */
export const teamMembersPaging: CursorConfig = {
  kind: "cursor",
  itemsPath: "results",
  nextCursorPath: "pageInfo.endCursor",
  hasMorePath: "pageInfo.hasNextPage",
  paramsIn: "body",
  limitParam: "first",
  cursorParam: "after",
  maxLimit: 50,
};

/** Admin API v1 users: the next page's `cursor` sits in the full URL at `links.next`. */
export const adminUsersPaging: CursorConfig = {
  kind: "cursor",
  itemsPath: "data",
  nextCursorPath: "links.next",
  cursorInLink: true,
  cursorParam: "cursor",
};

/** A list the API returns whole (e.g. ops teams), sliced by Roster. */
export function wholeList(itemsPath: string): NoneConfig {
  return { kind: "none", itemsPath };
}
