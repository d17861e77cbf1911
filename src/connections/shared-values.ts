/** One value of one account: the read (in flight or settled) and when it settled. */
interface SharedValue {
  promise: Promise<unknown>;
  /** ms timestamp at which the read succeeded; undefined while it is in flight. */
  settledAt?: number;
}

/**
 * Values derived from an account's provider data (e.g. its whole directory, indexed), shared by the sessions of
 * that account for a short time so that consecutive live reads do not each read it again. Keyed by account id,
 * then by the provider's key: a value is never served to another account. A read in flight is shared by
 * everyone who asks meanwhile; a failed read is forgotten at once (the next caller reads again). At most
 * `maxAccounts` accounts hold values; beyond it the account that got its first value longest ago loses them.
 */
export class SharedValues {
  readonly #accounts = new Map<string, Map<string, SharedValue>>();

  constructor(
    private readonly maxAccounts: number,
    private readonly now: () => number,
  ) {}

  /**
   * The value of `key` for `accountId`: the one read (or being read) by another caller if it settled less than
   * `shareForMs` ms ago, else what `read` gives, shared from now on.
   */
  get<T>(accountId: string, key: string, shareForMs: number, read: () => Promise<T>): Promise<T> {
    let values = this.#accounts.get(accountId);
    const held = values?.get(key);
    if (held && (held.settledAt === undefined || this.now() - held.settledAt < shareForMs)) {
      return held.promise as Promise<T>;
    }
    if (!values) {
      values = new Map();
      this.#accounts.set(accountId, values);
      if (this.#accounts.size > this.maxAccounts) {
        // Map order is insertion order: the first account is the oldest.
        this.#accounts.delete(this.#accounts.keys().next().value as string);
      }
    }
    const value: SharedValue = { promise: read() };
    values.set(key, value);
    const owner = values;
    value.promise.then(
      () => {
        value.settledAt = this.now();
      },
      () => {
        // Only this very read: the account may have been forgotten, and read again, since it started.
        if (owner.get(key) === value) owner.delete(key);
      },
    );
    return value.promise as Promise<T>;
  }

  /** Forgets every value of one account (reads in flight finish for their callers, and are not kept). */
  forget(accountId: string): void {
    this.#accounts.delete(accountId);
  }

  /** Forgets every value of every account. */
  clear(): void {
    this.#accounts.clear();
  }

  /** Accounts holding values now (for tests and diagnostics). */
  get size(): number {
    return this.#accounts.size;
  }
}
