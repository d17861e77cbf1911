/**
 * The chart's time axis: a window around the data and ticks on round local times, so a single point (or a
 * burst of syncs minutes apart) reads as "this day, these hours" instead of Chart.js's default of ±5 % of the
 * epoch milliseconds (years either side).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Tick spacings to choose from, smallest first. */
const STEPS = [
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
  91 * DAY,
  182 * DAY,
  365 * DAY,
];

/** The narrowest window shown: one day, so a lone point sits in its day with hours either side. */
const MIN_WINDOW = DAY;
/** Most intervals between ticks (five labels fit a 360 px phone). */
const MAX_INTERVALS = 4;

export interface TimeAxis {
  /** Axis bounds in epoch ms. */
  min: number;
  max: number;
  /** Tick positions in epoch ms, from min to max, evenly spaced on round local times. */
  ticks: number[];
}

/** Rounds `ms` down (or up) to a multiple of `step` in local wall-clock time. */
function align(ms: number, step: number, round: (x: number) => number): number {
  const offset = new Date(ms).getTimezoneOffset() * MINUTE;
  return round((ms - offset) / step) * step + offset;
}

/**
 * The time axis for points at `times` (epoch ms, any order, at least one): the data's span plus 5 % either
 * side, widened to at least a day centred on the data, then rounded out to the first spacing that needs at
 * most four intervals. Throws on an empty list (there is no chart without points).
 */
export function timeAxis(times: number[]): TimeAxis {
  if (times.length === 0) throw new Error("timeAxis needs at least one time");
  const first = Math.min(...times);
  const last = Math.max(...times);
  const span = last - first;
  const pad = Math.max(span * 0.05, (MIN_WINDOW - span) / 2);
  const low = first - pad;
  const high = last + pad;
  let step = STEPS[STEPS.length - 1] as number;
  for (const candidate of STEPS) {
    const intervals = (align(high, candidate, Math.ceil) - align(low, candidate, Math.floor)) / candidate;
    if (intervals <= MAX_INTERVALS) {
      step = candidate;
      break;
    }
  }
  const min = align(low, step, Math.floor);
  const max = align(high, step, Math.ceil);
  const ticks: number[] = [];
  for (let tick = min; tick <= max; tick += step) ticks.push(tick);
  return { min, max, ticks };
}
