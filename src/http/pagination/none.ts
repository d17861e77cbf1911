import { clampLimit, itemsAt, positionInt } from "./shared.ts";
import type { PaginationStrategy } from "./types.ts";

/**
 * The provider returns everything in one response; Roster slices it locally so callers still get pages.
 * Every page re-fetches the full list (nothing is cached), so a page reflects the provider's current state.
 */
export interface NoneConfig {
  kind: "none";
  itemsPath: string;
}

export const noPagination: PaginationStrategy<NoneConfig> = {
  kind: "none",

  pageQuery() {
    return {};
  },

  parse(body, _headers, request, config) {
    const all = itemsAt(body, config.itemsPath);
    const index = positionInt(request.position, "index");
    const end = index + clampLimit(request.limit);
    return {
      items: all.slice(index, end),
      next: end < all.length ? { index: String(end) } : null,
      total: all.length,
    };
  },
};
