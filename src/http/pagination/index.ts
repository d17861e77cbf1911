import type {
  PagePosition,
  PaginationSpec as PaginationConfig,
  PaginationKind,
} from "../../core/provider/pagination.ts";
import { cursorPagination } from "./cursor.ts";
import { noPagination } from "./none.ts";
import { offsetLinks } from "./offset-links.ts";
import { offsetMore } from "./offset-more.ts";
import type { PageOf, PaginationStrategy } from "./types.ts";

export type { PageOf, PageRequest, PaginationStrategy } from "./types.ts";
export {
  DEFAULT_MAX_PAGES_PER_WALK,
  describePosition,
  PageWalk,
  type WalkedPage,
  type WalkLimits,
} from "./walk-guard.ts";

export const paginationStrategies: {
  [K in PaginationKind]: PaginationStrategy<Extract<PaginationConfig, { kind: K }>>;
} = {
  "offset-links": offsetLinks,
  "offset-more": offsetMore,
  cursor: cursorPagination,
  none: noPagination,
};

function strategyFor<C extends PaginationConfig>(config: C): PaginationStrategy<C> {
  // The mapped type guarantees kind and config agree; TypeScript cannot follow that through the index.
  return paginationStrategies[config.kind] as unknown as PaginationStrategy<C>;
}

/** Query parameters for one page, dispatched on `config.kind`. */
export function pageQuery(
  config: PaginationConfig,
  position: PagePosition | null,
  limit: number,
): Record<string, string> {
  return strategyFor(config).pageQuery(position, limit, config);
}

/** JSON body members for one page (merged over the request's body), or undefined when paging is in the query. */
export function pageBody(
  config: PaginationConfig,
  position: PagePosition | null,
  limit: number,
): Record<string, unknown> | undefined {
  return strategyFor(config).pageBody?.(position, limit, config);
}

/** Items and next position of one page, dispatched on `config.kind`. */
export function parsePage(
  config: PaginationConfig,
  body: unknown,
  headers: Record<string, string>,
  request: { position: PagePosition | null; limit: number },
): PageOf {
  return strategyFor(config).parse(body, headers, request, config);
}
