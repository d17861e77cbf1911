import { createHash } from "node:crypto";

/**
 * Canonical JSON (object keys sorted, `undefined` dropped) so that the same record always hashes the same,
 * whatever order a mapper or the provider produced its keys in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) sorted[key] = sortKeys(v);
  }
  return sorted;
}

/**
 * The content hash of a stored record covers the whole unified record, `remote_data` included: the store
 * then always holds exactly what the live API returns. Whether a change is worth an event is decided
 * separately, on the unified fields only (see `changedFields`).
 */
export function contentHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("base64url").slice(0, 32);
}

/**
 * Top-level unified fields whose value differs, in name order. `remote_data` is left out (a provider-side
 * change that the unified model does not show is not a change for subscribers), and so are the fields
 * the caller names (a group's `members` are diffed as memberships of their own).
 */
export function changedFields(
  previous: Record<string, unknown>,
  next: Record<string, unknown>,
  ignore: readonly string[] = [],
): string[] {
  const skip = new Set(["remote_data", ...ignore]);
  const names = new Set([...Object.keys(previous), ...Object.keys(next)]);
  return [...names]
    .filter((name) => !skip.has(name))
    .filter((name) => canonicalJson(previous[name] ?? null) !== canonicalJson(next[name] ?? null))
    .sort();
}
