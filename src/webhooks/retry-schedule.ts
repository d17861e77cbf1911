/**
 * When a failed delivery is tried again. The default follows API.md: about a day in total. Tests inject a
 * schedule in milliseconds (ROSTER_WEBHOOK_RETRY_SCHEDULE_MS).
 */
export const DEFAULT_RETRY_SCHEDULE_MS = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
];

/** A receiver may ask for more time with Retry-After, but not for more than this. */
export const DEFAULT_RETRY_AFTER_CAP_MS = 3_600_000;

/**
 * The delay before the next attempt after the `step`-th automatic failure (0-based), or null when the
 * schedule is exhausted. Retry-After can lengthen a delay (capped), never shorten it.
 */
export function nextDelayMs(
  step: number,
  retryAfterMs: number | null,
  schedule: readonly number[],
  retryAfterCapMs: number,
): number | null {
  const planned = schedule[step];
  if (planned === undefined) return null;
  if (retryAfterMs === null) return planned;
  return Math.max(planned, Math.min(retryAfterMs, retryAfterCapMs));
}

/** `Retry-After` as delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return null;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
