import { type LearntRate, parseLearntRate } from "./learnt-rate.ts";
import type { AtomicUpdate } from "./shared-bucket-store.ts";

/**
 * Where learnt rates live. In memory for one process (tests); in the database for Roster, so a restart keeps
 * them and every instance on one PostgreSQL paces an account by the same learnt rate.
 *
 * Contract: `update` is atomic per key (a locked read-modify-write), so two instances that both see a 429 or
 * both raise a window compose instead of overwriting each other; `read` is a plain read of the last state.
 */
export interface LearntRateStore {
  read(key: string): Promise<LearntRate | undefined>;
  update(key: string, mutate: (current: LearntRate | undefined) => LearntRate): Promise<LearntRate>;
}

export class InMemoryLearntRateStore implements LearntRateStore {
  readonly #state = new Map<string, LearntRate>();

  async read(key: string): Promise<LearntRate | undefined> {
    const state = this.#state.get(key);
    return state && structuredClone(state);
  }

  async update(key: string, mutate: (current: LearntRate | undefined) => LearntRate): Promise<LearntRate> {
    const next = mutate(await this.read(key));
    this.#state.set(key, structuredClone(next));
    return next;
  }
}

/** Learnt rates in shared storage: `update` is the storage's locked read-modify-write, `read` its plain read. */
export class SharedLearntRateStore implements LearntRateStore {
  constructor(
    private readonly atomic: AtomicUpdate,
    private readonly load: (key: string) => Promise<unknown>,
  ) {}

  async read(key: string): Promise<LearntRate | undefined> {
    return parseLearntRate(await this.load(key));
  }

  update(key: string, mutate: (current: LearntRate | undefined) => LearntRate): Promise<LearntRate> {
    return this.atomic(key, (state) => {
      const next = mutate(parseLearntRate(state));
      return { state: next, result: next };
    });
  }
}
