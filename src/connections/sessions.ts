import { AppError } from "../core/errors.ts";
import type { ProviderClient, ProviderDefinition } from "../core/provider/contract.ts";
import type { Budget, HttpEngine, Pacer } from "../http/index.ts";
import { findProvider } from "../providers/index.ts";
import type { AccountWithSecret, IntegratedAccountRepository } from "../store/integrated-accounts.ts";
import type { AccountCache, OpenedAccount } from "./account-cache.ts";
import { baseUrlFor, hostUrlFor } from "./base-url.ts";
import type { OAuthTokens } from "./oauth/oauth-tokens.ts";
import { type ClientTarget, createProviderClient, type SharedRead } from "./provider-client.ts";

/** A connection to one provider account: the account row, its provider and a client bound to its region and credentials. */
export interface Session {
  account: AccountWithSecret;
  provider: ProviderDefinition;
  client: ProviderClient;
  /** The account's remaining budget as of the session's last provider call (for `ratelimit-*` headers). */
  budget?: Budget;
}

export interface SessionsDeps {
  engine: HttpEngine;
  pacer: Pacer;
  accounts: IntegratedAccountRepository;
  /** Accounts and their decrypted credentials, held briefly (see AccountCache). */
  cache: AccountCache;
  env: Readonly<Record<string, string | undefined>>;
  /** How long the background read of an account's limits may take, pacing included (ms). */
  limitsProbeTimeoutMs: number;
  /** Access tokens of OAuth accounts (refresh, single flight, row lock). */
  oauth?: OAuthTokens;
  /** Told when a provider 401 flipped an account to needs_reauth (events, logs). */
  onNeedsReauth?: (account: AccountWithSecret) => void;
}

/** How a session is opened. */
export interface SessionOptions {
  /**
   * Whether the session may reuse values a recent session of the account read (`ProviderClient.remember` with
   * `shareForMs`): live reads (unified and proxy routes) do; a sync run does not, it must see the account's data
   * as it is at the run.
   */
  shareRecentReads: boolean;
  /** Cancels the session's provider calls (e.g. the API caller went away, the process stops). */
  signal?: AbortSignal;
  /** Told of every provider response (a sync counts requests and rate-limit waits with it). */
  onResponse?: ClientTarget["onResponse"];
}

/**
 * How long a shared read (see SessionOptions.shareRecentReads) may take, pacing and every page included. It has
 * no caller of its own to cancel it (each waiter stops waiting when its own request goes), so it gets a deadline.
 */
const SHARED_READ_TIMEOUT_MS = 5 * 60_000;

/** How long learnt rate limits are trusted before they are read again. */
const LIMITS_TTL_MS = 10 * 60_000;
/** After a failed read of an account's limits, the wait before the next one (doubling per failure, up to the TTL). */
const PROBE_BACKOFF_MS = 60_000;

/** What Sessions knows of one account's limits: when to read them next, and the read in flight. */
interface LimitsProbe {
  nextAt: number;
  failures: number;
  running?: Promise<void>;
}

/**
 * Opens provider sessions for integrated accounts: loads the account within the caller's environment (from the
 * account cache when fresh), binds its region's base URL and its credentials (decrypted once per cache entry, at
 * the first provider call), and paces it by its real limits.
 */
export class Sessions {
  readonly #limits = new Map<string, LimitsProbe>();

  constructor(private readonly deps: SessionsDeps) {}

  async open(environmentId: string, accountId: string, options: SessionOptions): Promise<Session> {
    const opened = await this.deps.cache.open(environmentId, accountId);
    if (!opened) throw new AppError("not_found", { message: "No such integrated account." });
    const { account } = opened;
    const provider = findProvider(account.integration);
    if (!provider)
      throw new AppError("unknown_integration", {
        message: `Integration ${account.integration} is not installed.`,
      });
    if (account.status === "needs_reauth") {
      throw new AppError("needs_reauth", {
        message:
          "The account's credentials were refused by the provider. Reconnect it (PATCH /integrated-account/{id} or a link token).",
      });
    }
    const region = account.region ?? Object.keys(provider.regions)[0] ?? "";
    const session = { account, provider } as Session;
    const share = options.shareRecentReads ? this.#sharedReads(provider, opened, region) : undefined;
    session.client = this.clientFor(
      provider,
      opened,
      region,
      options.signal,
      (response, spec) => {
        if (response.budget) session.budget = response.budget;
        options.onResponse?.(response, spec);
      },
      share,
    );
    this.#ensureLimits(opened, provider, region);
    return session;
  }

  /**
   * Settles when the account's limits read in flight (if any) has finished, successfully or not; for callers
   * that want the real limits in force before a burst (tests, benchmarks). Never throws.
   */
  async limitsSettled(accountId: string): Promise<void> {
    await this.#limits.get(accountId)?.running;
  }

  /** A client with given credentials, for validating them before an account exists (or for another region). */
  clientWith(
    provider: ProviderDefinition,
    accountId: string,
    region: string,
    credentials: Record<string, string>,
    signal?: AbortSignal,
  ): ProviderClient {
    return createProviderClient(this.deps.engine, {
      provider,
      accountId,
      region,
      baseUrl: baseUrlFor(provider, region, this.deps.env),
      hostUrl: (host, credentials) => hostUrlFor(provider, host, credentials, this.deps.env),
      credentials: () => credentials,
      signal,
    });
  }

  /**
   * Reads shared between the account's sessions through the account cache. Not on the caller's client: the read
   * outlives the request that started it (others wait for it too) and has a deadline of its own; its own
   * `remember` calls share the same way.
   */
  #sharedReads(provider: ProviderDefinition, opened: OpenedAccount, region: string): SharedRead {
    const share: SharedRead = (key, shareForMs, read) =>
      this.deps.cache.shared(opened, key, shareForMs, async () => {
        const deadline = AbortSignal.timeout(SHARED_READ_TIMEOUT_MS);
        try {
          return await read(this.clientFor(provider, opened, region, deadline, undefined, share));
        } catch (error) {
          // The deadline's abort is no fault of Roster's: say the provider was too slow, as a call's deadline does.
          if (!deadline.aborted) throw error;
          throw new AppError("provider_timeout", {
            message: `${provider.label} did not finish reading the account's ${key} within ${SHARED_READ_TIMEOUT_MS / 60_000} minutes.`,
            cause: error,
          });
        }
      });
    return share;
  }

  private clientFor(
    provider: ProviderDefinition,
    opened: OpenedAccount,
    region: string,
    signal?: AbortSignal,
    onResponse?: ClientTarget["onResponse"],
    share?: SharedRead,
  ) {
    const { account } = opened;
    return createProviderClient(this.deps.engine, {
      provider,
      accountId: account.id,
      region,
      baseUrl: baseUrlFor(provider, region, this.deps.env),
      hostUrl: (host, credentials) => hostUrlFor(provider, host, credentials, this.deps.env),
      credentials: () => opened.credentials(),
      settings: account.settings,
      onUnauthorized: async () => {
        const message = `${provider.label} refused the credentials (401)`;
        const changed = await this.deps.accounts.setStatus(account.id, "needs_reauth", message);
        // The next session must see needs_reauth, here and on the other instances.
        this.deps.cache.drop(account.id);
        if (changed) this.deps.onNeedsReauth?.(account);
      },
      signal,
      onResponse,
      share,
      // An OAuth account's credentials: one function giving its current access token (and its hosts).
      ...(account.auth_method === "oauth" ? this.deps.oauth?.bearer(provider, account, signal) : {}),
    });
  }

  /**
   * The provider's assumed limits at once, then the account's real ones when the provider tells them. The
   * read is best effort and never on a caller's path: it runs in the background under its own short timeout,
   * the assumed (or last learnt) limits pace meanwhile, and a failed read waits before it is tried again.
   */
  #ensureLimits(opened: OpenedAccount, provider: ProviderDefinition, region: string): void {
    const { account } = opened;
    let probe = this.#limits.get(account.id);
    if (!probe) {
      const assumed = Object.entries(provider.rateLimits.defaults).map(([domain, windows]) => ({
        domain,
        windows,
      }));
      this.deps.pacer.assume(account.id, provider.name, assumed);
      probe = { nextAt: 0, failures: 0 };
      this.#limits.set(account.id, probe);
    }
    if (!provider.learnRateLimits || probe.running || Date.now() < probe.nextAt) return;
    const state = probe;
    state.running = this.#probeLimits(state, opened, provider, region).finally(() => {
      state.running = undefined;
    });
  }

  async #probeLimits(
    state: LimitsProbe,
    opened: OpenedAccount,
    provider: ProviderDefinition,
    region: string,
  ): Promise<void> {
    const { account } = opened;
    // Not the caller's client: the probe outlives the request that started it and has a deadline of its own.
    const client = this.clientFor(
      provider,
      opened,
      region,
      AbortSignal.timeout(this.deps.limitsProbeTimeoutMs),
    );
    try {
      const learnt = await provider.learnRateLimits?.(client);
      if (learnt && learnt.length > 0) this.deps.pacer.learn(account.id, provider.name, learnt);
      state.failures = 0;
      state.nextAt = Date.now() + LIMITS_TTL_MS;
    } catch {
      state.failures++;
      state.nextAt = Date.now() + Math.min(LIMITS_TTL_MS, PROBE_BACKOFF_MS * 2 ** (state.failures - 1));
    }
  }

  /**
   * Drops the account's cached row and decrypted credentials, here and on the other instances, keeping its
   * learnt limits: for a change of credentials alone (e.g. a refreshed OAuth token). Call after it committed.
   */
  dropCachedAccount(accountId: string): void {
    this.deps.cache.drop(accountId);
  }

  /**
   * Forgets what is known of an account (it changed or is gone: PATCH, DELETE, reconnect, migration, a token
   * refresh): its cached row and credentials, here and on the other instances, and its limits, read again by
   * the next session. Call after the change committed.
   */
  forget(accountId: string): void {
    this.#limits.delete(accountId);
    this.deps.cache.drop(accountId);
  }
}
