/** Display helpers: times in the operator's locale and time zone, absent values as an en dash. */

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "–";
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
}

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : value.toLocaleString();
}

/** "3 of 40", "3 (no limit)" */
export function seatsText(used: number | null, available: number | null): string {
  if (used === null) return "unknown";
  return available === null
    ? `${formatNumber(used)} (no limit known)`
    : `${formatNumber(used)} of ${formatNumber(available)}`;
}

const pluralRules = new Intl.PluralRules("en");

/**
 * A count with its noun in the right number, for the dashboard's English words: countOf(1, "sync", "syncs")
 * is "1 sync", countOf(0, …) "0 syncs", countOf(1200, …) "1,200 syncs" (the figure in the operator's locale).
 */
export function countOf(count: number, one: string, other: string): string {
  return `${formatNumber(count)} ${noun(count, one, other)}`;
}

/** The noun alone, in the number `count` asks for: noun(1, "page", "pages") is "page". */
export function noun(count: number, one: string, other: string): string {
  return pluralRules.select(count) === "one" ? one : other;
}

/** An id short enough to read at a glance, its prefix kept: "ia_3f2a1b9c…" (show the full id in a title). */
export function shortId(id: string): string {
  const start = id.indexOf("_") + 1;
  return id.length > start + 10 ? `${id.slice(0, start + 8)}…` : id;
}

/** How an account was linked, in words. */
export function linkedWith(account: { auth_method: "key" | "oauth" }): string {
  return account.auth_method === "oauth" ? "OAuth" : "API key";
}

/**
 * An account named so that two of the same provider and tenant differ: "opsgenie · acme · API key · ia_3f2a1b9c…".
 */
export function accountLabel(account: {
  id: string;
  integration: string;
  tenant_id: string;
  auth_method: "key" | "oauth";
}): string {
  return `${account.integration} · ${account.tenant_id} · ${linkedWith(account)} · ${shortId(account.id)}`;
}
