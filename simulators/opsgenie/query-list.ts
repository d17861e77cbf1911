/**
 * The alert/incident list style: `offset`, `limit` (default 20, at most 100), `sort`, `order` (default
 * desc) and `query`, answered with `data` and absolute `paging` links plus `X-Paging-*` headers.
 */
import { offsetList } from "../kit/offset-list.ts";
import type { Reply } from "../kit/reply.ts";
import { pageLinks, pagingHeaders, readLimitOffset } from "./envelope.ts";
import type { RequestContext } from "./route.ts";

type Item = Record<string, unknown>;

/** Supports `status:open|closed|resolved` and bare words on `message`; other fields are ignored. */
function matches(item: Item, query: string): boolean {
  for (const term of query.split(/\s+/).filter((t) => t && t.toLowerCase() !== "and")) {
    const [field, value] = term.includes(":") ? term.split(":", 2) : ["message", term];
    const actual = item[field ?? ""];
    if (
      field === "message" &&
      !String(item.message ?? "")
        .toLowerCase()
        .includes((value ?? "").toLowerCase())
    )
      return false;
    if (field === "status" && actual !== value) return false;
  }
  return true;
}

/** Lists `items` (served at `path`) the way `/v2/alerts` does, each item shown through `view`. */
export function queryList(ctx: RequestContext, items: Item[], path: string, view: (i: Item) => Item): Reply {
  const [limit, offset] = readLimitOffset(ctx.query, 20);
  const sort = ctx.query.get("sort") || "createdAt";
  const order = (ctx.query.get("order") || "desc").toLowerCase() === "asc" ? "asc" : "desc";
  const query = ctx.query.get("query") ?? "";
  const extra: [string, string][] = [
    ["sort", sort],
    ["order", order],
  ];
  if (query) extra.push(["query", query]);
  return offsetList(
    items,
    {
      offset,
      limit,
      filter: query ? (i) => matches(i, query) : undefined,
      sortKey: (i) => String(i[sort] ?? ""),
      order,
    },
    (page) => {
      const paging = pageLinks({ baseUrl: ctx.baseUrl, path, offset, limit, total: page.total, extra });
      return { status: 200, body: { data: page.items.map(view), paging }, headers: pagingHeaders(paging) };
    },
  );
}
