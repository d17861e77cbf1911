import type { NoneConfig } from "../../core/provider/pagination.ts";
import { slicePage } from "../../core/provider/slice-page.ts";
import { clampLimit, itemsAt } from "./shared.ts";
import type { PaginationStrategy } from "./types.ts";

export const noPagination: PaginationStrategy<NoneConfig> = {
  kind: "none",

  pageQuery() {
    return {};
  },

  parse(body, _headers, request, config) {
    const all = itemsAt(body, config.itemsPath);
    return { ...slicePage(all, request.position, clampLimit(request.limit)), total: all.length };
  },
};
