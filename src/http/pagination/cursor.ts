import type { CursorConfig } from "../../core/provider/pagination.ts";
import { getPath } from "../get-path.ts";
import { clampLimit, itemsAt, totalAt } from "./shared.ts";
import type { PaginationStrategy } from "./types.ts";

export const cursorPagination: PaginationStrategy<CursorConfig> = {
  kind: "cursor",

  pageQuery(position, limit, config) {
    const query: Record<string, string> = {
      [config.limitParam ?? "limit"]: String(clampLimit(limit, config.maxLimit)),
    };
    // The first page sends no cursor at all: providers start from the beginning when it is left out.
    if (position?.cursor) query[config.cursorParam ?? "cursor"] = position.cursor;
    return query;
  },

  parse(body, _headers, _request, config) {
    const items = itemsAt(body, config.itemsPath);
    const next = getPath(body, config.nextCursorPath);
    const total = totalAt(body, config.totalPath);
    if (typeof next === "number") return { items, next: { cursor: String(next) }, total };
    return { items, next: typeof next === "string" && next !== "" ? { cursor: next } : null, total };
  },
};
