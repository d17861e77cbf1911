/**
 * A FIFO semaphore per key (an account): caps the requests Roster has in flight against one provider
 * account, so one busy account cannot hold every socket and a provider never sees a burst of parallel calls.
 */
export type Release = () => void;

interface Waiter {
  grant: (release: Release) => void;
  fail: (reason: unknown) => void;
}

interface Slot {
  active: number;
  queue: Waiter[];
}

export class KeyedSemaphore {
  readonly #slots = new Map<string, Slot>();

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError("concurrency limit must be a positive integer");
  }

  /** Resolves with a release function once a slot is free; rejects with the signal's reason if it aborts first. */
  acquire(key: string, signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const slot = this.#slot(key);
    if (slot.active < this.limit) {
      slot.active++;
      return Promise.resolve(this.#releaser(key, slot));
    }
    return new Promise<Release>((resolve, reject) => {
      const onAbort = () => {
        const index = slot.queue.indexOf(waiter);
        if (index >= 0) slot.queue.splice(index, 1);
        this.#forgetIfIdle(key, slot);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant: (release) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(release);
        },
        fail: reject,
      };
      slot.queue.push(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** Requests in flight for `key` (for tests and diagnostics). */
  active(key: string): number {
    return this.#slots.get(key)?.active ?? 0;
  }

  #slot(key: string): Slot {
    let slot = this.#slots.get(key);
    if (!slot) {
      slot = { active: 0, queue: [] };
      this.#slots.set(key, slot);
    }
    return slot;
  }

  #releaser(key: string, slot: Slot): Release {
    let released = false;
    return () => {
      // Idempotent: a double release must not let an extra request in.
      if (released) return;
      released = true;
      const next = slot.queue.shift();
      if (next) {
        // The slot passes straight to the next waiter, so `active` stays the same.
        next.grant(this.#releaser(key, slot));
      } else {
        slot.active--;
        this.#forgetIfIdle(key, slot);
      }
    };
  }

  #forgetIfIdle(key: string, slot: Slot): void {
    if (slot.active === 0 && slot.queue.length === 0) this.#slots.delete(key);
  }
}
