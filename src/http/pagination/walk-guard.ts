import { AppError } from "../../core/errors.ts";
import type { PagePosition } from "../../core/provider/pagination.ts";

/** Position fields the engine's strategies keep as growing integers (offsets, list indexes). */
const ORDERED_FIELDS = ["offset", "index"] as const;

export interface WalkLimits {
  /** Pages one walk may read when no page reports a total. */
  maxPages: number;
  /** Pages allowed beyond what a reported total needs (records added while walking). Default 2. */
  totalMargin?: number;
}

/** Default of `WalkLimits.maxPages`: a million records at 100 per page. */
export const DEFAULT_MAX_PAGES_PER_WALK = 10_000;

/** What the guard needs of a page just read. */
export interface WalkedPage {
  next: PagePosition | null;
  /** Records (or items) on the page. */
  count: number;
  /** Records in the whole list, when the provider says. */
  total?: number;
}

/**
 * Stops a page walk that does not move forward, whatever the paging strategy: a next position equal to the
 * current one or to one already read in this walk, an offset or index that does not grow, or more pages than
 * the list's total can need (`ceil(total / page size) + margin`; without a total, `maxPages`). One guard per
 * walk; a single page read gets a guard of its own, which still refuses a next position equal to its own.
 */
export class PageWalk {
  readonly #seen = new Set<string>();
  #pages = 0;
  #pageSize = 1;
  /** Pages read in the current segment (a strategy's partition of the list, e.g. one narrowed query). */
  #segmentPages = 0;
  #segment = "null";

  /** `what` names the list in messages: the provider's label and the resource, e.g. "Example users". */
  constructor(
    private readonly what: string,
    private readonly limits: WalkLimits,
  ) {}

  /**
   * Records the page read at `from` and returns its next position.
   * @throws AppError `provider_paging_loop` (502) when the next position does not move the walk forward.
   */
  step(from: PagePosition | null, page: WalkedPage): PagePosition | null {
    this.#pages++;
    const segment = segmentOf(from);
    this.#segmentPages = segment === this.#segment ? this.#segmentPages + 1 : 1;
    this.#segment = segment;
    this.#seen.add(key(from));
    this.#pageSize = Math.max(this.#pageSize, page.count);
    const { next } = page;
    if (next === null) return null;
    const at = from === null ? "the first page" : `the page at ${describePosition(from)}`;
    const there = describePosition(next);
    if (key(next) === key(from)) throw this.#loop(`${at} names itself (${there}) as the next page`, next);
    if (this.#seen.has(key(next))) throw this.#loop(`${at} points back to ${there}, already read`, next);
    // Offsets grow within a segment; a strategy that narrows a list starts each narrowed part at 0 again.
    const sameSegment = segmentOf(next) === segment;
    for (const field of sameSegment ? ORDERED_FIELDS : []) {
      const before = from === null ? 0 : wholeNumber(from[field]);
      const after = wholeNumber(next[field]);
      if (before !== undefined && after !== undefined && after <= before) {
        throw this.#loop(`${at} points to ${there}, which does not move forward`, next);
      }
    }
    if (page.total !== undefined && sameSegment) {
      const needed = Math.ceil(page.total / this.#pageSize) + (this.limits.totalMargin ?? 2);
      if (this.#segmentPages >= needed) {
        throw this.#loop(
          `${this.#segmentPages} pages of up to ${this.#pageSize} records were read for a list of ${page.total} and ${at} still points to ${there}`,
          next,
        );
      }
    }
    if (this.#pages >= this.limits.maxPages) {
      throw this.#loop(
        `${this.#pages} pages were read, the most one walk may read, and ${at} still points to ${there}`,
        next,
      );
    }
    return next;
  }

  #loop(reason: string, next: PagePosition): AppError {
    return new AppError("provider_paging_loop", {
      message: `${this.what}: the provider's paging does not end: ${reason}. Roster stopped reading.`,
      details: { list: this.what, next_position: next, pages_read: this.#pages },
    });
  }
}

/** The fields of a position other than its growing integers: which part of the list it is in. */
function segmentOf(position: PagePosition | null): string {
  if (position === null) return "null";
  const rest = Object.entries(position).filter(
    ([name]) => !(ORDERED_FIELDS as readonly string[]).includes(name),
  );
  return rest.length === 0 ? "null" : key(Object.fromEntries(rest));
}

function key(position: PagePosition | null): string {
  if (position === null) return "null";
  return JSON.stringify(Object.entries(position).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** `offset=100`, or `the first page` for the start of a list. */
export function describePosition(position: PagePosition | null): string {
  if (position === null || Object.keys(position).length === 0) return "the first page";
  return Object.entries(position)
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

function wholeNumber(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}
