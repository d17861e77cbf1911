/**
 * The alert/incident list style: `offset`, `limit` (default 20, at most 100), `sort`, `order` (default
 * desc) and `query`, answered with `data` and absolute `paging` links plus `X-Paging-*` headers.
 */
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

export function offsetList(ctx: RequestContext, items: Item[], path: string, view: (i: Item) => Item): Reply {
  const [limit, offset] = readLimitOffset(ctx.query, 20);
  const sort = ctx.query.get("sort") || "createdAt";
  const order = (ctx.query.get("order") || "desc").toLowerCase() === "asc" ? "asc" : "desc";
  const query = ctx.query.get("query") ?? "";
  const filtered = query ? items.filter((i) => matches(i, query)) : items.slice();
  const key = (i: Item): string => String(i[sort] ?? "");
  filtered.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (order === "asc" ? 1 : -1));
  const extra: [string, string][] = [
    ["sort", sort],
    ["order", order],
  ];
  if (query) extra.push(["query", query]);
  const paging = pageLinks({ baseUrl: ctx.baseUrl, path, offset, limit, total: filtered.length, extra });
  return {
    status: 200,
    body: { data: filtered.slice(offset, offset + limit).map(view), paging },
    headers: pagingHeaders(paging),
  };
}
