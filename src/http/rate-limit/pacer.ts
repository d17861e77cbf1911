import { sleep as defaultSleep } from "../sleep.ts";
import { AccountLimits, type DomainLimits } from "./account-limits.ts";
import type { BucketStore, Budget } from "./bucket-store.ts";
import { learntWindows } from "./learnt-rate.ts";
import type { RateLearner } from "./rate-learner.ts";
import type { RateWindow } from "./token-bucket.ts";

export interface PaceKey {
  accountId: string;
  provider: string;
  domain: string;
}

export type { DomainLimits } from "./account-limits.ts";

export interface PacerConfig {
  /** Limits per rate-limit domain before an account's real limits are learned; `"*"` is the fallback. */
  defaultLimits: Record<string, RateWindow[]>;
  /** Fraction of the advertised rate Roster uses, so clock skew and latency jitter never trip the server. */
  rateFactor?: number;
  /** Fraction of each bucket's capacity held back (at least one token) to absorb requests arriving bunched. */
  burstMargin?: number;
  /** Multiplier applied to the rate after each 429. */
  throttleFactor?: number;
  /** The rate never drops below this fraction, however many 429s arrive. */
  minThrottleFactor?: number;
  /** Time for a reduced rate to climb back linearly to normal. */
  throttleRecoveryMs?: number;
}

export const pacerDefaults = {
  rateFactor: 0.97,
  burstMargin: 0.1,
  throttleFactor: 0.8,
  minThrottleFactor: 0.25,
  throttleRecoveryMs: 60_000,
} as const;

export interface PacerOptions {
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * Learns the rate of keys whose real limits the provider has not told (`learn`): without it they are paced
   * at their assumed limits, slowed for a while after a 429 and back to the assumed rate after.
   */
  learner?: RateLearner;
}

/** What `acquire` tells the caller: the time spent waiting, the budget left, and the windows waited for. */
export interface Paced {
  waitedMs: number;
  budget?: Budget;
  /** Ids of the windows the request had to wait for (to pass to `onAnswered` with its answer). */
  waitedOn: string[];
  /** When the token was taken (ms, the pacer's clock): to pass to `onThrottled` if the answer is a 429. */
  at: number;
}

interface Penalty {
  factor: number;
  at: number;
}

export function paceKeyString(key: PaceKey): string {
  return [key.provider, key.accountId, key.domain].map(encodeURIComponent).join(":");
}

/**
 * Keeps Roster under each provider's limits instead of discovering them with 429s: every request takes a token
 * from every window of its (account, provider, domain) bucket in the shared store, waiting when one is empty.
 */
export class Pacer {
  readonly #config: Required<PacerConfig>;
  readonly #limits = new AccountLimits();
  readonly #penalties = new Map<string, Penalty>();
  // One local FIFO per key: only the head polls the store, which keeps order fair and the store quiet.
  readonly #queues = new Map<string, Promise<void>>();
  // When a key's next token is due, as last told by the store to a request that had to wait.
  readonly #nextTokenAt = new Map<string, number>();
  readonly #now: () => number;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly #learner: RateLearner | undefined;

  constructor(
    private readonly store: BucketStore,
    config: PacerConfig,
    options: PacerOptions = {},
  ) {
    this.#config = { ...pacerDefaults, ...config };
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? defaultSleep;
    this.#learner = options.learner;
  }

  /**
   * Sets an account's real limits (told by the provider, read by the caller); replaces earlier ones per domain.
   * Told limits win over learnt rates: a key with told limits is paced by them, never learnt.
   */
  learn(accountId: string, provider: string, limits: DomainLimits[]): void {
    this.#limits.tell(accountId, provider, limits);
  }

  /**
   * Sets the limits a provider assumes for an account until it tells the real ones (a `"*"` domain is the
   * fallback); with a learner, a key's rate is learnt from them.
   */
  assume(accountId: string, provider: string, limits: DomainLimits[]): void {
    this.#limits.assume(accountId, provider, limits);
  }

  /**
   * The advertised windows for a key: told for the domain, else told for `"*"`, else assumed for the domain,
   * else assumed for `"*"`, else the configured domain default, else the configured `"*"`, else none (unpaced).
   */
  limitsFor(key: PaceKey): RateWindow[] {
    return (
      this.#limits.told(key) ??
      this.#limits.assumed(key) ??
      this.#config.defaultLimits[key.domain] ??
      this.#config.defaultLimits["*"] ??
      []
    );
  }

  /** Whether the key's rate is learnt: a learner is set and the provider told no limits for it. */
  #learning(key: PaceKey): boolean {
    return this.#learner !== undefined && this.#limits.told(key) === undefined;
  }

  /**
   * The windows actually enforced: the advertised ones (or their learnt rates) scaled by the safety factors and,
   * for told limits, any 429 slowdown (a learnt rate is cut instead).
   */
  effectiveWindows(key: PaceKey): RateWindow[] {
    const k = paceKeyString(key);
    const learning = this.#learning(key);
    const slowdown = learning ? 1 : this.#currentPenalty(k);
    const limits = learning
      ? learntWindows(this.limitsFor(key), this.#learner?.known(k))
      : this.limitsFor(key);
    const { rateFactor, burstMargin } = this.#config;
    return limits.map(({ limit, periodSeconds }) => {
      const held = Math.max(1, limit * burstMargin);
      return {
        limit: limit * rateFactor * slowdown,
        periodSeconds,
        // Never below one token, or no request could ever pass.
        burst: Math.max(1, Math.min(limit * rateFactor, limit - held) * slowdown),
      };
    });
  }

  /**
   * Waits until every window of the key has a token and takes one from each. Rejects with the signal's reason
   * when it aborts. Pass `waitedOn` to `onAnswered` with the request's answer.
   */
  async acquire(key: PaceKey, signal?: AbortSignal): Promise<Paced> {
    const k = paceKeyString(key);
    const started = this.#now();
    const previous = this.#queues.get(k) ?? Promise.resolve();
    let done!: () => void;
    const mine = new Promise<void>((resolve) => {
      done = resolve;
    });
    const tail = previous.then(() => mine);
    this.#queues.set(k, tail);
    try {
      await untilSettledOrAborted(previous, signal);
      if (this.#learning(key)) await this.#learner?.refresh(k, this.limitsFor(key));
      let budget: Budget | undefined;
      const waitedOn = new Set<string>();
      for (;;) {
        signal?.throwIfAborted();
        const windows = this.effectiveWindows(key);
        if (windows.length === 0) break;
        const outcome = await this.store.take(k, windows, this.#now());
        if (outcome.ok) {
          this.#nextTokenAt.delete(k);
          budget = outcome.budget;
          break;
        }
        for (const id of outcome.short) waitedOn.add(id);
        this.#nextTokenAt.set(k, this.#now() + outcome.waitMs);
        await this.#sleep(outcome.waitMs, signal);
      }
      const at = this.#now();
      return { waitedMs: Math.max(0, at - started), budget, waitedOn: [...waitedOn], at };
    } finally {
      done();
      if (this.#queues.get(k) === tail) this.#queues.delete(k);
    }
  }

  /**
   * How long until the key's budget has a token again, as far as this process knows (undefined when no
   * request of the key had to wait): what a caller whose deadline passed in the queue is told to wait.
   */
  retryAfterMs(key: PaceKey): number | undefined {
    const at = this.#nextTokenAt.get(paceKeyString(key));
    return at === undefined ? undefined : Math.max(0, at - this.#now());
  }

  /**
   * A clean answer (not a 429, not a 5xx) to a request that waited for the windows `waitedOn`: evidence that
   * the key is used at its full rate and the server keeps up, so a learnt rate grows.
   */
  onAnswered(key: PaceKey, waitedOn: string[]): void {
    if (waitedOn.length === 0 || !this.#learning(key)) return;
    this.#learner?.raised(paceKeyString(key), this.limitsFor(key), waitedOn);
  }

  /**
   * After a 429: empty the bucket that tripped (the window with `periodSeconds`, or all of them when unknown)
   * and slow the key down, because the server's budget is evidently smaller than we thought: a learnt rate is
   * cut (and held for the tripped window's period, for every instance); told limits are slowed for a while.
   */
  async onThrottled(key: PaceKey, periodSeconds?: number, sentAt?: number): Promise<void> {
    const k = paceKeyString(key);
    if (this.#learning(key)) {
      const tripped = trippedWindows(this.limitsFor(key), periodSeconds, false);
      await this.#learner?.cut(
        k,
        this.limitsFor(key),
        tripped.map((window) => window.periodSeconds),
        sentAt,
      );
      const periods = new Set(tripped.map((window) => window.periodSeconds));
      const drained = this.effectiveWindows(key).filter((window) => periods.has(window.periodSeconds));
      await this.store.drain(k, drained, this.#now());
      return;
    }
    const now = this.#now();
    const { throttleFactor, minThrottleFactor } = this.#config;
    const alreadySlowed = this.#currentPenalty(k) < 1;
    this.#penalties.set(k, {
      factor: Math.max(minThrottleFactor, this.#currentPenalty(k) * throttleFactor),
      at: now,
    });
    const windows = this.effectiveWindows(key);
    await this.store.drain(k, trippedWindows(windows, periodSeconds, alreadySlowed), now);
  }

  #currentPenalty(k: string): number {
    const penalty = this.#penalties.get(k);
    if (!penalty) return 1;
    const progress = (this.#now() - penalty.at) / this.#config.throttleRecoveryMs;
    if (progress >= 1) {
      this.#penalties.delete(k);
      return 1;
    }
    return penalty.factor + (1 - penalty.factor) * Math.max(0, progress);
  }
}

/**
 * Which buckets to empty. When the provider names the window, that one. Otherwise the shortest: draining a
 * per-minute bucket costs up to a minute of slow pacing, so it is only done when 429s keep coming while the
 * key is already slowed down (evidence that a longer window is the one tripping).
 */
function trippedWindows(
  windows: RateWindow[],
  periodSeconds: number | undefined,
  alreadySlowed: boolean,
): RateWindow[] {
  const named = windows.filter((window) => window.periodSeconds === periodSeconds);
  if (named.length > 0) return named;
  if (alreadySlowed || windows.length <= 1) return windows;
  const shortest = Math.min(...windows.map((window) => window.periodSeconds));
  return windows.filter((window) => window.periodSeconds === shortest);
}

/** Waits for the previous waiter; an abort rejects at once (the chain itself never rejects). */
function untilSettledOrAborted(promise: Promise<void>, signal?: AbortSignal): Promise<void> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    });
  });
}
