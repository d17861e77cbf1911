import { type CursorConfig, cursorPagination } from "./cursor.ts";
import { type NoneConfig, noPagination } from "./none.ts";
import { type OffsetLinksConfig, offsetLinks } from "./offset-links.ts";
import { type OffsetMoreConfig, offsetMore } from "./offset-more.ts";
import type { PageOf, PagePosition, PaginationStrategy } from "./types.ts";

export type { CursorConfig } from "./cursor.ts";
export type { NoneConfig } from "./none.ts";
export type { OffsetLinksConfig } from "./offset-links.ts";
export type { OffsetMoreConfig } from "./offset-more.ts";
export type { PageOf, PagePosition, PageRequest, PaginationStrategy } from "./types.ts";
export {
  DEFAULT_MAX_PAGES_PER_WALK,
  describePosition,
  PageWalk,
  type WalkedPage,
  type WalkLimits,
} from "./walk-guard.ts";

/** The closed set of paging styles a provider definition can name. A new quirk is a new strategy here. */
export type PaginationConfig = OffsetLinksConfig | OffsetMoreConfig | CursorConfig | NoneConfig;
export type PaginationKind = PaginationConfig["kind"];

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

/** Items and next position of one page, dispatched on `config.kind`. */
export function parsePage(
  config: PaginationConfig,
  body: unknown,
  headers: Record<string, string>,
  request: { position: PagePosition | null; limit: number },
): PageOf {
  return strategyFor(config).parse(body, headers, request, config);
}
