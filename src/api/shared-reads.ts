interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  /** Callers still waiting for the answer; the provider calls are cancelled when the last one leaves. */
  waiting: number;
}

/**
 * Identical live reads that overlap in time share one provider read (request collapsing): the provider sees one
 * call instead of N, which spares the account's rate-limit budget, and the answer is built and encoded once.
 * Nothing is kept after the read completes, so no caller ever gets an answer older than its own request's
 * overlap with one already running. Keys must hold everything that shapes the answer, the environment included.
 */
export class SharedReads<T> {
  readonly #flights = new Map<string, Flight<T>>();

  constructor(private readonly onShared: () => void = () => undefined) {}

  /** Runs `read` for `key`, or joins the identical read already in flight. */
  run(key: string, signal: AbortSignal, read: (signal: AbortSignal) => Promise<T>): Promise<T> {
    let flight = this.#flights.get(key);
    // A read every caller has left is being cancelled: a newcomer starts afresh.
    if (flight && !flight.controller.signal.aborted) {
      this.onShared();
    } else {
      const controller = new AbortController();
      const started: Flight<T> = { controller, waiting: 0, promise: undefined as unknown as Promise<T> };
      started.promise = read(controller.signal).finally(() => {
        if (this.#flights.get(key) === started) this.#flights.delete(key);
      });
      this.#flights.set(key, started);
      flight = started;
    }
    this.#join(flight, signal);
    return flight.promise;
  }

  /** Reads in flight now (for tests and diagnostics). */
  get size(): number {
    return this.#flights.size;
  }

  #join(flight: Flight<T>, signal: AbortSignal): void {
    flight.waiting++;
    const leave = () => {
      flight.waiting--;
      if (flight.waiting === 0) flight.controller.abort(signal.reason);
    };
    if (signal.aborted) leave();
    else signal.addEventListener("abort", leave, { once: true });
  }
}
