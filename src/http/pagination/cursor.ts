import { AppError } from "../../core/errors.ts";
import type { CursorConfig } from "../../core/provider/pagination.ts";
import { getPath } from "../get-path.ts";
import { clampLimit, itemsAt, totalAt } from "./shared.ts";
import type { PaginationStrategy } from "./types.ts";

export const cursorPagination: PaginationStrategy<CursorConfig> = {
  kind: "cursor",

  pageQuery(position, limit, config) {
    if (config.paramsIn === "body") return {};
    const query: Record<string, string> = {
      [config.limitParam ?? "limit"]: String(clampLimit(limit, config.maxLimit)),
    };
    // The first page sends no cursor at all: providers start from the beginning when it is left out.
    if (position?.cursor) query[config.cursorParam ?? "cursor"] = position.cursor;
    return query;
  },

  pageBody(position, limit, config) {
    if (config.paramsIn !== "body") return undefined;
    const body: Record<string, unknown> = {
      [config.limitParam ?? "limit"]: clampLimit(limit, config.maxLimit),
    };
    if (position?.cursor) body[config.cursorParam ?? "cursor"] = position.cursor;
    return body;
  },

  parse(body, _headers, _request, config) {
    const items = itemsAt(body, config.itemsPath);
    const total = totalAt(body, config.totalPath);
    if (config.hasMorePath !== undefined && getPath(body, config.hasMorePath) !== true)
      return { items, next: null, total };
    const next = getPath(body, config.nextCursorPath);
    if (typeof next === "number") return { items, next: { cursor: String(next) }, total };
    if (typeof next !== "string" || next === "") return { items, next: null, total };
    const cursor = config.cursorInLink ? cursorFromLink(next, config.cursorParam ?? "cursor") : next;
    return { items, next: { cursor }, total };
  },
};

function cursorFromLink(link: string, param: string): string {
  let url: URL;
  try {
    // The base only resolves relative links; the host of the link is never used.
    url = new URL(link, "http://relative.invalid");
  } catch {
    throw new AppError("remote_error", { message: "The provider's next-page link is not a URL." });
  }
  const cursor = url.searchParams.get(param);
  if (!cursor) {
    throw new AppError("remote_error", { message: `The provider's next-page link has no "${param}".` });
  }
  return cursor;
}
