import { type BucketStore, drainAll, type KeyState, type TakeOutcome, takeAll } from "./bucket-store.ts";
import type { RateWindow } from "./token-bucket.ts";

/** A locked read-modify-write of one key's state, provided by whatever storage the instances share. */
export type AtomicUpdate = <R>(
  key: string,
  mutate: (state: unknown) => { state: unknown; result: R },
) => Promise<R>;

/** Bucket state kept in shared storage (the database), so several Roster instances pace as one. */
export class SharedBucketStore implements BucketStore {
  constructor(private readonly update: AtomicUpdate) {}

  take(key: string, windows: RateWindow[], now: number): Promise<TakeOutcome> {
    return this.update(key, (state) => {
      const next = takeAll(windows, (state ?? {}) as KeyState, now);
      return { state: next.state, result: next.outcome };
    });
  }

  async drain(key: string, windows: RateWindow[], now: number): Promise<void> {
    await this.update(key, (state) => ({
      state: drainAll(windows, (state ?? {}) as KeyState, now),
      result: undefined,
    }));
  }
}
