/** The narrowest window the seat chart shows: one day, so a lone sync sits in its day with hours either side. */
const MIN_WINDOW_MS = 24 * 3_600_000;

/**
 * The span of the seat chart's time axis for syncs at `times` (epoch ms, any order): the data's span plus 5 %
 * either side, widened to at least a day centred on the data. Chart.js's time scale then places its ticks on
 * round times inside it; without bounds it would pad a single point by years. Throws on an empty list.
 */
export function timeWindow(times: readonly number[]): { min: number; max: number } {
  if (times.length === 0) throw new Error("timeWindow needs at least one time");
  const first = Math.min(...times);
  const last = Math.max(...times);
  const span = last - first;
  const pad = Math.max(span * 0.05, (MIN_WINDOW_MS - span) / 2);
  return { min: first - pad, max: last + pad };
}
