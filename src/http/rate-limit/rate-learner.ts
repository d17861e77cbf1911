import {
  cutLearnt,
  type LearningConfig,
  type LearntRate,
  learningDefaults,
  raiseLearnt,
} from "./learnt-rate.ts";
import type { LearntRateStore } from "./learnt-rate-store.ts";
import type { RateWindow } from "./token-bucket.ts";

export interface RateLearnerOptions {
  /** How often an active key's state is synced with the store (raises counted here flushed, others' read), ms. */
  refreshMs?: number;
  learning?: Partial<LearningConfig>;
  now?: () => number;
}

interface Entry {
  state: LearntRate | undefined;
  /** When the state was last synced with the store (ms). */
  syncedAt: number;
  /** Clean answers per window id counted here and not yet written to the store. */
  pending: Record<string, number>;
  /** Bumped by every cut, so a sync that started before one cannot bring the old limit back. */
  cuts: number;
  /** The first read, which requests of the key wait for; later syncs run in the background. */
  loading?: Promise<void>;
  syncing?: Promise<void>;
}

/**
 * The learnt rates of the keys this process paces: a local copy of each key's {@link LearntRate}, read from the
 * store on a key's first use (so a restarted Roster starts where it stopped), raised locally at once and
 * flushed to the store every `refreshMs`, and cut in the store at once on a 429 (so every instance slows down).
 * Later syncs run in the background: a request never waits for the store after a key's first read.
 */
export class RateLearner {
  readonly #entries = new Map<string, Entry>();
  readonly #config: LearningConfig;
  readonly #refreshMs: number;
  readonly #now: () => number;

  constructor(
    private readonly store: LearntRateStore,
    options: RateLearnerOptions = {},
  ) {
    this.#config = { ...learningDefaults, ...options.learning };
    this.#refreshMs = options.refreshMs ?? 1_000;
    this.#now = options.now ?? Date.now;
  }

  /** The learnt state of `key` as this process knows it (undefined before its first read, or nothing learnt). */
  known(key: string): LearntRate | undefined {
    return this.#entries.get(key)?.state;
  }

  /**
   * Makes sure `key` is known: the first call waits for the store; a later one, when the copy is older than
   * `refreshMs`, starts a background sync and returns at once. A store that fails leaves the last copy in use.
   */
  async refresh(key: string, assumed: RateWindow[]): Promise<void> {
    const entry = this.#entries.get(key);
    if (!entry) {
      const created: Entry = { state: undefined, syncedAt: this.#now(), pending: {}, cuts: 0 };
      this.#entries.set(key, created);
      created.syncing = this.#sync(key, created, assumed);
      created.loading = created.syncing;
      return created.loading;
    }
    if (entry.loading) return entry.loading;
    if (entry.syncing || this.#now() - entry.syncedAt < this.#refreshMs) return;
    entry.syncing = this.#sync(key, entry, assumed);
  }

  /** Clean answers to requests that waited for the windows `windowIds` (one id per request and window). */
  raised(key: string, assumed: RateWindow[], windowIds: string[]): void {
    const entry = this.#entries.get(key);
    if (!entry || windowIds.length === 0) return;
    const now = this.#now();
    const counts: Record<string, number> = {};
    for (const id of windowIds) {
      // Answers counted while a window is held would be applied by a later flush, after the hold: drop them.
      if (now < (entry.state?.[id]?.heldUntil ?? 0)) continue;
      counts[id] = (counts[id] ?? 0) + 1;
      entry.pending[id] = (entry.pending[id] ?? 0) + 1;
    }
    entry.state = raiseLearnt(assumed, entry.state, counts, now, this.#config);
  }

  /**
   * A 429 tripped the windows of `periods` (seconds) for a request sent at `sentAt` (ms): cut them here at once,
   * then in the store for everyone (see `cutLearnt` for which 429s cut).
   */
  async cut(key: string, assumed: RateWindow[], periods: number[], sentAt?: number): Promise<void> {
    const entry = this.#entries.get(key) ?? { state: undefined, syncedAt: 0, pending: {}, cuts: 0 };
    this.#entries.set(key, entry);
    const now = this.#now();
    const pending = entry.pending;
    entry.pending = {};
    entry.cuts++;
    entry.state = cutLearnt(assumed, entry.state, periods, now, this.#config, sentAt);
    try {
      const stored = await this.store.update(key, (current) =>
        cutLearnt(
          assumed,
          raiseLearnt(assumed, current, pending, now, this.#config),
          periods,
          now,
          this.#config,
          sentAt,
        ),
      );
      entry.state = stored;
      entry.syncedAt = this.#now();
    } catch {
      // The local cut holds; the store gets the state at the next sync.
    }
  }

  async #sync(key: string, entry: Entry, assumed: RateWindow[]): Promise<void> {
    const cuts = entry.cuts;
    const pending = entry.pending;
    entry.pending = {};
    try {
      const now = this.#now();
      const stored =
        Object.keys(pending).length > 0
          ? await this.store.update(key, (current) =>
              raiseLearnt(assumed, current, pending, now, this.#config),
            )
          : await this.store.read(key);
      if (entry.cuts === cuts) entry.state = stored;
    } catch {
      // Keep pacing by the last copy; the next sync tries again.
    } finally {
      entry.syncedAt = this.#now();
      entry.syncing = undefined;
      entry.loading = undefined;
    }
  }
}
