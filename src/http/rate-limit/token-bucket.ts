/**
 * Pure token-bucket math. A window `{ limit, periodSeconds }` is a bucket of capacity `limit` that refills
 * continuously at `limit / periodSeconds` tokens per second — the same model providers use server-side,
 * so a client bucket with equal or smaller parameters can never trip the server's.
 */
export interface RateWindow {
  limit: number;
  periodSeconds: number;
  /** Bucket capacity when it differs from `limit` (the pacer keeps a smaller burst as a safety margin). */
  burst?: number;
}

/** The whole persisted state of one window: small and JSON-serialisable so a database can hold it. */
export interface BucketState {
  tokens: number;
  updatedAt: number;
}

export type TakeResult = { ok: true; state: BucketState } | { ok: false; waitMs: number; state: BucketState };

export function capacity(window: RateWindow): number {
  return window.burst ?? window.limit;
}

/** Tokens refilled per millisecond. */
export function refillRate(window: RateWindow): number {
  return window.limit / (window.periodSeconds * 1000);
}

/** The state brought forward to `now`; a missing state is a full bucket (servers start full too). */
export function refill(window: RateWindow, state: BucketState | undefined, now: number): BucketState {
  if (!state) return { tokens: capacity(window), updatedAt: now };
  // A clock that went backwards (another instance, NTP step) must not mint or destroy tokens.
  const elapsed = Math.max(0, now - state.updatedAt);
  const tokens = Math.min(capacity(window), state.tokens + elapsed * refillRate(window));
  return { tokens, updatedAt: Math.max(now, state.updatedAt) };
}

/** Tries to take `cost` tokens. On failure the state is still refilled (not debited) and `waitMs` says when it would succeed. */
export function take(window: RateWindow, state: BucketState | undefined, now: number, cost = 1): TakeResult {
  const current = refill(window, state, now);
  // A cost above capacity (e.g. a burst below one token after a slowdown) could never be met; a full bucket
  // is enough then, and the debit goes negative so the following takes wait for the debt to refill.
  const needed = Math.min(cost, capacity(window));
  if (current.tokens >= needed)
    return { ok: true, state: { tokens: current.tokens - cost, updatedAt: current.updatedAt } };
  const missing = needed - current.tokens;
  return { ok: false, waitMs: Math.ceil(missing / refillRate(window)), state: current };
}
