import { type BucketState, capacity, type RateWindow, refill, refillRate, take } from "./token-bucket.ts";

export type { RateWindow } from "./token-bucket.ts";

/** What is left of a key's budget after a take: its tightest window, for `ratelimit-*` response headers. */
export interface Budget {
  limit: number;
  remaining: number;
  /** Seconds until that window is full again. */
  resetSeconds: number;
}

/** A refused take names the windows that were short (ids, see {@link windowId}): the ones a waiting request waits for. */
export type TakeOutcome = { ok: true; budget?: Budget } | { ok: false; waitMs: number; short: string[] };

/**
 * Where bucket state lives. The in-memory store serves one process; a database-backed store with the same
 * contract lets several instances share one provider budget.
 *
 * Contract for implementations:
 * - `take` is atomic: it takes one token from EVERY window of the key, or from none (then `waitMs` is the
 *   longest wait among the windows that are short). Read-modify-write must happen under a lock / transaction.
 * - State per key is `Record<windowId, { tokens, updatedAt }>` with `windowId = String(periodSeconds)`;
 *   a missing window state means a full bucket; tokens are clamped to the (possibly changed) limit.
 * - `drain` sets the tokens of the given windows (all when omitted) to 0 at `now` (after a 429).
 */
export interface BucketStore {
  take(key: string, windows: RateWindow[], now: number): Promise<TakeOutcome>;
  drain(key: string, windows: RateWindow[], now: number): Promise<void>;
}

export type KeyState = Record<string, BucketState>;

export function windowId(window: RateWindow): string {
  return String(window.periodSeconds);
}

/** Pure all-or-none take over several windows; shared by every store so they agree on the math. */
export function takeAll(
  windows: RateWindow[],
  state: KeyState,
  now: number,
): { outcome: TakeOutcome; state: KeyState } {
  const next: KeyState = { ...state };
  let waitMs = 0;
  const short: string[] = [];
  for (const window of windows) {
    const result = take(window, state[windowId(window)], now);
    next[windowId(window)] = result.state;
    if (!result.ok) {
      waitMs = Math.max(waitMs, result.waitMs);
      short.push(windowId(window));
    }
  }
  if (waitMs > 0) {
    // Keep only the refill (no debit) so a failed take never consumes budget.
    const refilled: KeyState = { ...state };
    for (const window of windows) refilled[windowId(window)] = refill(window, state[windowId(window)], now);
    return { outcome: { ok: false, waitMs, short }, state: refilled };
  }
  return { outcome: { ok: true, budget: tightest(windows, next) }, state: next };
}

/** The window with the fewest whole tokens left after a take. */
function tightest(windows: RateWindow[], state: KeyState): Budget | undefined {
  let budget: Budget | undefined;
  for (const window of windows) {
    const tokens = state[windowId(window)]?.tokens ?? capacity(window);
    const remaining = Math.max(0, Math.floor(tokens));
    if (budget && remaining >= budget.remaining) continue;
    const missing = Math.max(0, capacity(window) - tokens);
    budget = {
      limit: Math.floor(window.limit),
      remaining,
      resetSeconds: Math.ceil(missing / (refillRate(window) * 1000)),
    };
  }
  return budget;
}

export function drainAll(windows: RateWindow[], state: KeyState, now: number): KeyState {
  const next: KeyState = { ...state };
  for (const window of windows) next[windowId(window)] = { tokens: 0, updatedAt: now };
  return next;
}

/** Single-process store. JavaScript runs each call to completion, so the read-modify-write is atomic. */
export class InMemoryBucketStore implements BucketStore {
  readonly #state = new Map<string, KeyState>();

  async take(key: string, windows: RateWindow[], now: number): Promise<TakeOutcome> {
    const result = takeAll(windows, this.#state.get(key) ?? {}, now);
    this.#state.set(key, result.state);
    return result.outcome;
  }

  async drain(key: string, windows: RateWindow[], now: number): Promise<void> {
    this.#state.set(key, drainAll(windows, this.#state.get(key) ?? {}, now));
  }

  /** For tests and diagnostics. */
  snapshot(key: string): KeyState | undefined {
    const state = this.#state.get(key);
    return state ? structuredClone(state) : undefined;
  }
}
