import { AppError } from "../errors.ts";
import type { PagePosition } from "./pagination.ts";

/**
 * One page of a list held whole (a provider list that comes unpaged, built-in records, a team's members):
 * the items from `position.index` (0 when null), at most `limit` of them, and the next position or null.
 * Throws AppError `invalid_cursor` when the position's index is not a non-negative integer.
 */
export function slicePage<T>(
  all: readonly T[],
  position: PagePosition | null,
  limit: number,
): { items: T[]; next: PagePosition | null } {
  const raw = position?.index ?? "0";
  if (!/^\d{1,15}$/.test(raw)) throw new AppError("invalid_cursor");
  const index = Number(raw);
  const end = index + Math.max(1, Math.floor(limit));
  return { items: all.slice(index, end), next: end < all.length ? { index: String(end) } : null };
}
