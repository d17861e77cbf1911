import { AppError } from "../../core/errors.ts";
import type { PagePosition } from "../../core/provider/pagination.ts";
import { getPath } from "../get-path.ts";

/** A page size between 1 and the provider's maximum. */
export function clampLimit(limit: number, maxLimit?: number): number {
  const whole = Number.isFinite(limit) ? Math.floor(limit) : 1;
  return Math.max(1, maxLimit === undefined ? whole : Math.min(whole, maxLimit));
}

/** A non-negative integer stored in a position; a tampered or stale position is the caller's error. */
export function positionInt(position: PagePosition | null, field: string): number {
  const raw = position?.[field];
  if (raw === undefined) return 0;
  if (!/^\d{1,15}$/.test(raw)) throw new AppError("invalid_cursor");
  return Number(raw);
}

/** The list's total at `path`, when `path` is set and the body holds a whole number there. */
export function totalAt(body: unknown, path: string | undefined): number | undefined {
  if (path === undefined) return undefined;
  const total = getPath(body, path);
  return typeof total === "number" && Number.isInteger(total) && total >= 0 ? total : undefined;
}

/** The item array at `path`; anything else means the provider changed its envelope, which must fail loudly. */
export function itemsAt(body: unknown, path: string): unknown[] {
  const items = getPath(body, path);
  if (!Array.isArray(items)) {
    throw new AppError("remote_error", {
      message: `The provider response has no item list at "${path || "(root)"}".`,
    });
  }
  return items;
}
