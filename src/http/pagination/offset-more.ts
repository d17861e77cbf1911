import type { OffsetMoreConfig } from "../../core/provider/pagination.ts";
import { getPath } from "../get-path.ts";
import { narrowedPage, narrowedQuery, startNarrowing } from "./offset-narrowing.ts";
import { clampLimit, itemsAt, positionInt, totalAt } from "./shared.ts";
import type { PaginationStrategy } from "./types.ts";

export const offsetMore: PaginationStrategy<OffsetMoreConfig> = {
  kind: "offset-more",

  pageQuery(position, limit, config) {
    const offset = positionInt(position, "offset");
    let size = clampLimit(limit, config.maxLimit);
    if (config.maxOffsetPlusLimit !== undefined)
      size = Math.max(1, Math.min(size, config.maxOffsetPlusLimit - offset));
    return {
      [config.limitParam ?? "limit"]: String(size),
      [config.offsetParam ?? "offset"]: String(offset),
      ...narrowedQuery(position, config),
    };
  },

  parse(body, _headers, request, config) {
    const items = itemsAt(body, config.itemsPath);
    const more =
      config.moreWhen === "items" ? items.length > 0 : getPath(body, config.morePath ?? "more") === true;
    if (request.position?.part !== undefined) return narrowedPage(items, more, request.position, config);
    if (request.position === null) {
      const partitions = startNarrowing(body, config);
      if (partitions) return partitions;
    }
    const total = totalAt(body, config.totalPath);
    // An empty page that claims "more" would loop forever; treat it as the end.
    if (!more || items.length === 0) return { items, next: null, total };
    const next = positionInt(request.position, "offset") + items.length;
    if (config.maxOffsetPlusLimit !== undefined && next >= config.maxOffsetPlusLimit) {
      return {
        items,
        next: null,
        total,
        truncated: {
          message: `The provider lists at most ${config.maxOffsetPlusLimit} records per query (offset + limit); the records past them cannot be read. Narrow the list with a filter.`,
        },
      };
    }
    return { items, next: { offset: String(next) }, total };
  },
};
