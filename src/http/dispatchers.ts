import { Pool } from "undici";

export interface DispatcherOptions {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** Sockets per origin; the per-account concurrency cap is the real throttle. */
  connectionsPerOrigin: number;
  /** Pools kept open; the least recently used one is closed beyond this. */
  maxOrigins: number;
}

/**
 * One undici Pool per origin, never the global dispatcher: each pool is bound to a single origin, so a request
 * can only ever reach the operator-configured host, and closing the engine closes every socket it opened.
 */
export class DispatcherCache {
  readonly #pools = new Map<string, Pool>();

  constructor(private readonly options: DispatcherOptions) {}

  get(origin: string): Pool {
    const existing = this.#pools.get(origin);
    if (existing) {
      // Re-insert to mark it most recently used (Map keeps insertion order).
      this.#pools.delete(origin);
      this.#pools.set(origin, existing);
      return existing;
    }
    const pool = new Pool(origin, {
      connections: this.options.connectionsPerOrigin,
      connect: { timeout: this.options.connectTimeoutMs },
      headersTimeout: this.options.headersTimeoutMs,
      bodyTimeout: this.options.bodyTimeoutMs,
    });
    this.#pools.set(origin, pool);
    if (this.#pools.size > this.options.maxOrigins) {
      const [oldestOrigin, oldest] = this.#pools.entries().next().value as [string, Pool];
      this.#pools.delete(oldestOrigin);
      // Graceful: requests already running on it finish first.
      void oldest.close().catch(() => undefined);
    }
    return pool;
  }

  async close(): Promise<void> {
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((pool) => pool.close().catch(() => pool.destroy())));
  }
}
