import { inspect } from "node:util";
import type { AccountWithSecret, IntegratedAccountRepository } from "../store/integrated-accounts.ts";
import type { Vault } from "../vault/index.ts";
import { SharedValues } from "./shared-values.ts";

/** An account as a live read needs it: the row, and its credentials decrypted at most once while cached. */
export interface OpenedAccount {
  account: AccountWithSecret;
  /** The decrypted credentials (field name -> value). Throws the vault's errors when they cannot be opened. */
  credentials(): Record<string, string>;
}

export interface AccountCacheOptions {
  /** How long an entry is trusted, in ms (0: no caching, every call reads the row and decrypts). */
  ttlMs: number;
  /** Entries kept at most, and accounts holding shared values at most; beyond it the oldest go (default 10,000). */
  maxEntries?: number;
  /** Told of every `drop` (e.g. to tell the other instances sharing the database). */
  onDrop?: (accountId: string) => void;
  /** Injected for tests. */
  now?: () => number;
}

const DEFAULT_MAX_ENTRIES = 10_000;

/**
 * Integrated accounts with their decrypted credentials, held in memory for a bounded time so a live read does
 * not load the row and decrypt the key on every call (DESIGN principle 9: decrypted close to use, held only
 * briefly). An entry is dropped at once when the account changes here (`drop`: PATCH, DELETE, reconnect,
 * migration, a provider 401) or elsewhere (`drop` from the other instances' notifications), and everything is
 * dropped when the vault's master keys change (rotation). Entries expire after `ttlMs` in any case, which bounds
 * how long a change that was not announced goes unseen.
 *
 * Tenant isolation stays exact: an entry is only served to its own environment; another environment reads the
 * store, scoped as always, and finds nothing. Absent accounts are never cached (a new account is seen at once).
 * Entries are never written anywhere: they refuse to be serialized or inspected.
 *
 * Beside each account it holds the values sessions share (`shared`: e.g. a directory read by one live request
 * and reused by the next), dropped with the account by the same signals.
 */
export class AccountCache {
  readonly #entries = new Map<string, CacheEntry>();
  readonly #shared: SharedValues;
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  /** Bumped by every drop: a read that started before one must not fill the cache with what it read. */
  #epoch = 0;
  #keyringGeneration: number;

  constructor(
    private readonly accounts: Pick<IntegratedAccountRepository, "getWithSecret">,
    private readonly vault: Vault,
    private readonly options: AccountCacheOptions,
  ) {
    this.#ttlMs = options.ttlMs;
    this.#maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.#now = options.now ?? Date.now;
    this.#keyringGeneration = vault.keyring.generation;
    this.#shared = new SharedValues(this.#maxEntries, this.#now);
  }

  /**
   * The account of `environmentId` with id `accountId`, from memory when fresh, else from the store.
   * Undefined when the environment has no such account (another environment's account included).
   */
  async open(environmentId: string, accountId: string): Promise<OpenedAccount | undefined> {
    this.#checkKeyring();
    const cached = this.#entries.get(accountId);
    if (cached && cached.expiresAt > this.#now() && cached.account.environment_id === environmentId) {
      return cached;
    }
    const epoch = this.#epoch;
    const account = await this.accounts.getWithSecret(environmentId, accountId);
    if (!account) return undefined;
    const entry = new CacheEntry(account, this.vault, this.#now() + this.#ttlMs);
    if (this.#ttlMs > 0 && epoch === this.#epoch) this.#store(accountId, entry);
    return entry;
  }

  /**
   * A value derived from the account's provider data, shared between the sessions of `opened`'s account: the
   * value another session read (or is reading) if it was read less than `shareForMs` ms ago, else what `read`
   * gives, kept for the next sessions. A failed read is never kept. Values go with the account (`drop`,
   * `forgetLocally`, `clear`, key rotation). Sharing needs `opened` to be the account as cached now: with the
   * cache off (`ttlMs` 0), or for an account read before its last drop (e.g. its old credentials), `read` runs
   * for this caller alone.
   */
  shared<T>(opened: OpenedAccount, key: string, shareForMs: number, read: () => Promise<T>): Promise<T> {
    this.#checkKeyring();
    const accountId = opened.account.id;
    if (this.#entries.get(accountId) !== opened) return read();
    return this.#shared.get(accountId, key, shareForMs, read);
  }

  /** Forgets one account here and tells `onDrop` (other instances). Call after the change committed. */
  drop(accountId: string): void {
    this.forgetLocally(accountId);
    this.options.onDrop?.(accountId);
  }

  /** Forgets one account here only (a change announced by another instance). */
  forgetLocally(accountId: string): void {
    this.#epoch++;
    this.#entries.delete(accountId);
    this.#shared.forget(accountId);
  }

  /** Forgets every account (key rotation, or changes that may have been missed). */
  clear(): void {
    this.#epoch++;
    this.#entries.clear();
    this.#shared.clear();
  }

  /** Accounts held now (for tests and diagnostics). */
  get size(): number {
    return this.#entries.size;
  }

  /** Accounts holding shared values now (for tests and diagnostics). */
  get sharedSize(): number {
    return this.#shared.size;
  }

  #store(accountId: string, entry: CacheEntry): void {
    this.#entries.delete(accountId);
    this.#entries.set(accountId, entry);
    if (this.#entries.size > this.#maxEntries) {
      // Map order is insertion order: the first entry is the oldest fill.
      this.#entries.delete(this.#entries.keys().next().value as string);
    }
  }

  /** Rotation (here or, in key-file mode, by `roster keys rotate` in another process) drops everything. */
  #checkKeyring(): void {
    const generation = this.vault.keyring.generation;
    if (generation !== this.#keyringGeneration) {
      this.#keyringGeneration = generation;
      this.clear();
    }
  }
}

/**
 * One cached account; its decrypted credentials live only here, never serialized or printed. A dropped entry is
 * no longer served; sessions opened from it before the drop finish with it, as they would with the row they read.
 */
class CacheEntry implements OpenedAccount {
  #credentials: Record<string, string> | undefined;

  constructor(
    readonly account: AccountWithSecret,
    private readonly vault: Vault,
    readonly expiresAt: number,
  ) {}

  credentials(): Record<string, string> {
    this.#credentials ??= this.vault.openJson<Record<string, string>>(
      this.account.credentials,
      this.account.id,
    );
    return this.#credentials;
  }

  toJSON(): { account: string } {
    return { account: this.account.id };
  }

  [inspect.custom](): string {
    return `CachedAccount(${this.account.id})`;
  }
}
