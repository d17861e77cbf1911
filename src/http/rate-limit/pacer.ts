import { sleep as defaultSleep } from "../sleep.ts";
import type { BucketStore, Budget } from "./bucket-store.ts";
import type { RateWindow } from "./token-bucket.ts";

export interface PaceKey {
  accountId: string;
  provider: string;
  domain: string;
}

export interface DomainLimits {
  domain: string;
  windows: RateWindow[];
}

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
  readonly #learned = new Map<string, Map<string, RateWindow[]>>();
  readonly #penalties = new Map<string, Penalty>();
  // One local FIFO per key: only the head polls the store, which keeps order fair and the store quiet.
  readonly #queues = new Map<string, Promise<void>>();
  // When a key's next token is due, as last told by the store to a request that had to wait.
  readonly #nextTokenAt = new Map<string, number>();
  readonly #now: () => number;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(
    private readonly store: BucketStore,
    config: PacerConfig,
    options: PacerOptions = {},
  ) {
    this.#config = { ...pacerDefaults, ...config };
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? defaultSleep;
  }

  /** Sets an account's real limits (read from the provider by the caller); replaces earlier ones per domain. */
  learn(accountId: string, provider: string, limits: DomainLimits[]): void {
    const id = `${encodeURIComponent(provider)}:${encodeURIComponent(accountId)}`;
    const domains = this.#learned.get(id) ?? new Map<string, RateWindow[]>();
    for (const { domain, windows } of limits) domains.set(domain, windows.filter(isValidWindow));
    this.#learned.set(id, domains);
  }

  /**
   * The advertised windows for a key: learned for the domain, else learned for `"*"` (a provider's assumed
   * limits for the account), else the configured domain default, else the configured `"*"`, else none (unpaced).
   */
  limitsFor(key: PaceKey): RateWindow[] {
    const learned = this.#learned.get(
      `${encodeURIComponent(key.provider)}:${encodeURIComponent(key.accountId)}`,
    );
    return (
      learned?.get(key.domain) ??
      learned?.get("*") ??
      this.#config.defaultLimits[key.domain] ??
      this.#config.defaultLimits["*"] ??
      []
    );
  }

  /** The windows actually enforced: the advertised ones scaled by the safety factors and any 429 slowdown. */
  effectiveWindows(key: PaceKey): RateWindow[] {
    const slowdown = this.#currentPenalty(paceKeyString(key));
    const { rateFactor, burstMargin } = this.#config;
    return this.limitsFor(key).map(({ limit, periodSeconds }) => {
      const held = Math.max(1, limit * burstMargin);
      return {
        limit: limit * rateFactor * slowdown,
        periodSeconds,
        // Never below one token, or no request could ever pass.
        burst: Math.max(1, Math.min(limit * rateFactor, limit - held) * slowdown),
      };
    });
  }

  async acquire(key: PaceKey, signal?: AbortSignal): Promise<{ waitedMs: number; budget?: Budget }> {
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
      let budget: Budget | undefined;
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
        this.#nextTokenAt.set(k, this.#now() + outcome.waitMs);
        await this.#sleep(outcome.waitMs, signal);
      }
      return { waitedMs: Math.max(0, this.#now() - started), budget };
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
   * After a 429: empty the bucket that tripped (the window with `periodSeconds`, or all of them when unknown)
   * and slow the key down for a while, because the server's budget is evidently smaller than we thought.
   */
  async onThrottled(key: PaceKey, periodSeconds?: number): Promise<void> {
    const k = paceKeyString(key);
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

function isValidWindow(window: RateWindow): boolean {
  return (
    Number.isFinite(window.limit) &&
    window.limit > 0 &&
    Number.isFinite(window.periodSeconds) &&
    window.periodSeconds > 0
  );
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
