import type { PagePosition, PageTruncation } from "../../core/provider/pagination.ts";

export interface PageOf {
  items: unknown[];
  next: PagePosition | null;
  /** Set when the provider cannot go further although more items exist (e.g. an offset ceiling). */

  /** Items in the whole list, when the provider says (bounds how many pages a walk may need). */
  total?: number;
  truncated?: PageTruncation;
}

export interface PageRequest {
  position: PagePosition | null;
  limit: number;
}

export interface PaginationStrategy<C> {
  readonly kind: string;
  /** Query parameters for the page at `position` (null = first page) with page size `limit`. */
  pageQuery(position: PagePosition | null, limit: number, config: C): Record<string, string>;
  /** JSON body members for the page, for styles that send page parameters in the body; undefined otherwise. */
  pageBody?(position: PagePosition | null, limit: number, config: C): Record<string, unknown> | undefined;
  /** Items and next position from a provider response body (+ headers). */
  parse(body: unknown, headers: Record<string, string>, request: PageRequest, config: C): PageOf;
}
