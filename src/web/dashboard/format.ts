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

/** A compact time for chart axes: "11/30/26, 3:35 AM" in the operator's locale. */
export function formatShortTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" });
}
