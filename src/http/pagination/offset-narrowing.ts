import { AppError } from "../../core/errors.ts";
import type { OffsetMoreConfig, OffsetNarrowing, PagePosition } from "../../core/provider/pagination.ts";
import { getPath } from "../get-path.ts";
import { positionInt } from "./shared.ts";
import type { PageOf } from "./types.ts";

/**
 * The partition walk of an offset-more list past its ceiling (see `OffsetNarrowing`). A position of the
 * walk is `{ part, offset, total, kept, cut? }`: the partition's index in `values`, the offset inside it,
 * the provider's count of the whole list, how many items the walk has kept so far, and the partitions that
 * reached the ceiling themselves (comma-separated indexes, only for the report).
 */
type Narrowed = OffsetMoreConfig & { narrowing: OffsetNarrowing; maxOffsetPlusLimit: number };

function narrowed(config: OffsetMoreConfig): config is Narrowed {
  return config.narrowing !== undefined && config.maxOffsetPlusLimit !== undefined;
}

/** Extra query of a page: the count on the first page, the partition's value inside the walk. */
export function narrowedQuery(
  position: PagePosition | null,
  config: OffsetMoreConfig,
): Record<string, string> {
  if (!narrowed(config)) return {};
  const { narrowing } = config;
  if (position === null) return { [narrowing.countParam ?? "total"]: "true" };
  if (position.part === undefined) return {};
  return { [narrowing.param]: narrowing.values[partIndex(position, narrowing)] as string };
}

/**
 * On the first page: when the provider counts more items than the ceiling lets a walk reach, the walk
 * starts over in the first partition (this page's items are dropped: they would come again there).
 * Undefined when the plain walk reaches everything, or the provider gave no count.
 */
export function startNarrowing(body: unknown, config: OffsetMoreConfig): PageOf | undefined {
  if (!narrowed(config)) return undefined;
  const total = getPath(body, config.narrowing.countPath ?? "total");
  if (typeof total !== "number" || !Number.isSafeInteger(total) || total <= config.maxOffsetPlusLimit)
    return undefined;
  return { items: [], next: { part: "0", offset: "0", total: String(total), kept: "0" } };
}

/** One page inside a partition: the items no earlier partition matches, and where the walk goes next. */
export function narrowedPage(
  items: unknown[],
  more: boolean,
  position: PagePosition,
  config: OffsetMoreConfig,
): PageOf {
  if (!narrowed(config)) throw new AppError("invalid_cursor");
  const { narrowing, maxOffsetPlusLimit: ceiling } = config;
  const part = partIndex(position, narrowing);
  const total = positionInt(position, "total");
  const cut = cutParts(position, narrowing);
  const earlier = narrowing.values.slice(0, part);
  const kept = items.filter((item) => !earlier.some((value) => narrowing.matches(item, value)));
  const keptSoFar = positionInt(position, "kept") + kept.length;
  const offset = positionInt(position, "offset") + items.length;

  let partDone = !more || items.length === 0;
  if (!partDone && offset >= ceiling) {
    partDone = true;
    cut.push(part);
  }
  const state = {
    total: String(total),
    kept: String(keptSoFar),
    ...(cut.length ? { cut: cut.join(",") } : {}),
  };
  if (keptSoFar >= total) return { items: kept, next: null };
  if (!partDone) return { items: kept, next: { part: String(part), offset: String(offset), ...state } };
  if (part + 1 < narrowing.values.length)
    return { items: kept, next: { part: String(part + 1), offset: "0", ...state } };
  return {
    items: kept,
    next: null,
    truncated: { message: shortfall(total, keptSoFar, cut, config as Narrowed) },
  };
}

function shortfall(total: number, kept: number, cut: number[], config: Narrowed): string {
  const { narrowing, maxOffsetPlusLimit: ceiling } = config;
  const lead = `${total - kept} of ${total} records could not be reached: the provider lists at most ${ceiling} per query`;
  if (cut.length === 0)
    return `${lead}, and they are in none of the narrowed lists (${narrowing.param}=${narrowing.values.join("|")}), or the list changed while it was read.`;
  const lists = cut.map((i) => `${narrowing.param}=${narrowing.values[i]}`).join(", ");
  return `${lead}, and the narrowed lists ${lists} reached that ceiling themselves.`;
}

function partIndex(position: PagePosition, narrowing: OffsetNarrowing): number {
  const part = positionInt(position, "part");
  if (part >= narrowing.values.length) throw new AppError("invalid_cursor");
  return part;
}

function cutParts(position: PagePosition, narrowing: OffsetNarrowing): number[] {
  if (position.cut === undefined) return [];
  const parts = position.cut.split(",");
  if (!parts.every((p) => /^\d{1,4}$/.test(p) && Number(p) < narrowing.values.length))
    throw new AppError("invalid_cursor");
  return parts.map(Number);
}
