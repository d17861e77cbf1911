/**
 * Pure AIMD math for accounts whose real limits the provider does not tell: every window of a key starts at the
 * provider's assumed limit, grows while requests that had to wait for it are answered cleanly, is cut on a 429
 * that names it, and is then held (neither raised nor cut again) for its own period. No I/O, no clock of its
 * own: callers pass `now` (ms), so every rule is unit-tested with a virtual clock.
 */
import type { RateWindow } from "./token-bucket.ts";

/** What has been learnt of one window (`periodSeconds` is its key in {@link LearntRate}). */
export interface LearntWindow {
  /** Requests per period Roster now believes the server allows (before the pacer's safety factors). */
  limit: number;
  /** True until the window's first 429: growth is multiplicative (finding the ceiling), then linear. */
  probing: boolean;
  /** The limit right after the last cut: linear growth adds a fixed share of it per period. */
  base: number;
  /** Epoch ms until which the window is held after a cut: raises are ignored and further 429s cut nothing. */
  heldUntil: number;
}

/** Everything learnt of one pace key, per window id (`String(periodSeconds)`); JSON-serialisable. */
export type LearntRate = Record<string, LearntWindow>;

export interface LearningConfig {
  /** Growth per period of saturated, clean use while probing: 0.25 multiplies the limit by 1.25 each period. */
  probeGrowth: number;
  /** Growth per period of saturated, clean use after a cut, as a share of the post-cut limit (linear). */
  linearGrowth: number;
  /** Probing growth is per period, or per this many seconds of a longer window (a per-minute one would crawl). */
  growthSeconds: number;
  /** Multiplier applied to a window's limit on a 429 that tripped it. */
  cutFactor: number;
  /** A learnt limit never falls below this share of the assumed one (nor below one request per period). */
  floorFactor: number;
  /** Nor rises above this multiple of the assumed one, so a runaway never floods a provider. */
  ceilingFactor: number;
}

export const learningDefaults: LearningConfig = {
  probeGrowth: 0.25,
  linearGrowth: 0.03,
  growthSeconds: 10,
  cutFactor: 0.75,
  floorFactor: 0.05,
  ceilingFactor: 50,
};

const id = (periodSeconds: number) => String(periodSeconds);

/** The assumed windows with their learnt limits in place (windows never learnt keep the assumed limit). */
export function learntWindows(assumed: RateWindow[], learnt: LearntRate | undefined): RateWindow[] {
  if (!learnt) return assumed;
  return assumed.map((window) => {
    const known = learnt[id(window.periodSeconds)];
    return known ? { ...window, limit: known.limit } : window;
  });
}

function fresh(window: RateWindow): LearntWindow {
  return { limit: window.limit, probing: true, base: window.limit, heldUntil: 0 };
}

function bounded(limit: number, assumed: RateWindow, config: LearningConfig): number {
  const floor = Math.max(1, assumed.limit * config.floorFactor);
  return Math.min(assumed.limit * config.ceilingFactor, Math.max(floor, limit));
}

/**
 * Raises the windows named in `answered` (window id -> number of clean answers to requests that waited for that
 * window since the last raise). While probing, each such answer multiplies the limit by `(1 + probeGrowth)^(1/limit)`,
 * so a window used at its full rate grows by `probeGrowth` per period; after a cut, each adds
 * `linearGrowth * base / limit`, i.e. `linearGrowth * base` per period. A held window is not raised.
 */
export function raiseLearnt(
  assumed: RateWindow[],
  learnt: LearntRate | undefined,
  answered: Record<string, number>,
  now: number,
  config: LearningConfig = learningDefaults,
): LearntRate {
  const next: LearntRate = { ...learnt };
  for (const window of assumed) {
    const count = answered[id(window.periodSeconds)] ?? 0;
    if (count <= 0) continue;
    const current = next[id(window.periodSeconds)] ?? fresh(window);
    if (now < current.heldUntil) continue;
    // At the full rate a period holds `limit` requests, so `count / limit` is the share of a period used.
    const periods = count / current.limit;
    // Probing a long window per period would crawl (a minute window: +25% a minute), so it is per growthSeconds.
    const probeSteps =
      (periods * window.periodSeconds) / Math.min(window.periodSeconds, config.growthSeconds);
    const limit = current.probing
      ? current.limit * (1 + config.probeGrowth) ** probeSteps
      : current.limit + periods * config.linearGrowth * current.base;
    next[id(window.periodSeconds)] = { ...current, limit: bounded(limit, window, config) };
  }
  return next;
}

/**
 * Cuts the windows whose period is in `tripped` (seconds) by `cutFactor`, ends their probing and holds them for
 * one period. A 429 to a request sent (`sentAt`, ms) before a window's last cut is ignored: it answers the old
 * rate. One to a request sent after it says the cut rate is still too high, and cuts again at once. Without
 * `sentAt`, every 429 during the hold is taken as an answer to the old rate.
 */
export function cutLearnt(
  assumed: RateWindow[],
  learnt: LearntRate | undefined,
  tripped: number[],
  now: number,
  config: LearningConfig = learningDefaults,
  sentAt?: number,
): LearntRate {
  const next: LearntRate = { ...learnt };
  for (const window of assumed) {
    if (!tripped.includes(window.periodSeconds)) continue;
    const current = next[id(window.periodSeconds)] ?? fresh(window);
    const lastCut = current.heldUntil - window.periodSeconds * 1000;
    if (sentAt === undefined ? now < current.heldUntil : sentAt < lastCut) continue;
    const limit = bounded(current.limit * config.cutFactor, window, config);
    next[id(window.periodSeconds)] = {
      limit,
      probing: false,
      base: limit,
      heldUntil: now + window.periodSeconds * 1000,
    };
  }
  return next;
}

/** Reads a stored value back, dropping anything malformed (a row written by another version, a hand edit). */
export function parseLearntRate(value: unknown): LearntRate | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const out: LearntRate = {};
  for (const [key, raw] of Object.entries(value)) {
    const w = raw as Partial<LearntWindow> | null;
    if (
      w &&
      typeof w.limit === "number" &&
      Number.isFinite(w.limit) &&
      w.limit > 0 &&
      typeof w.base === "number" &&
      Number.isFinite(w.base) &&
      w.base > 0 &&
      typeof w.probing === "boolean" &&
      typeof w.heldUntil === "number" &&
      Number.isFinite(w.heldUntil)
    )
      out[key] = { limit: w.limit, probing: w.probing, base: w.base, heldUntil: w.heldUntil };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
