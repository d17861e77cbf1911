import { Agent } from "undici";
import { AppError } from "../../core/errors.ts";
import type { ProviderClient, ProviderDefinition } from "../../core/provider/contract.ts";
import type { HttpEngine } from "../../http/index.ts";
import type { StoreHandle } from "../../store/database.ts";
import { nowIso } from "../../store/ids.ts";
import type { AccountWithSecret, IntegratedAccountRepository } from "../../store/integrated-accounts.ts";
import type { OAuthRefreshLeaseRepository } from "../../store/oauth-refresh-leases.ts";
import type { Vault } from "../../vault/index.ts";
import { baseUrlFor, hostUrlFor } from "../base-url.ts";
import { type ClientTarget, createProviderClient } from "../provider-client.ts";
import { untilAborted } from "../until-aborted.ts";
import { oauthClientFor } from "./oauth-client.ts";
import { type RefreshLeaseTiming, underRefreshLease } from "./refresh-lease.ts";
import { callTokenEndpoint, OAuthGrantRefused, type TokenTransport } from "./token-endpoint.ts";
import { asTokenSet, type TokenSet, tokenSetFrom } from "./token-set.ts";

export interface OAuthTokensDeps {
  engine: HttpEngine;
  store: StoreHandle;
  vault: Vault;
  accounts: IntegratedAccountRepository;
  /** The refresh leases that let one refresh per account at a time call the token endpoint. */
  leases: OAuthRefreshLeaseRepository;
  env: Readonly<Record<string, string | undefined>>;
  /** Told when a refused refresh flipped an account to needs_reauth (the same hook as a provider's 401). */
  onNeedsReauth?: (account: AccountWithSecret) => void;
  /** The clock token sets are dated by, ms since the epoch (tests move it); leases keep the wall clock. */
  now?: () => number;
  /** An access token this close to its expiry is refreshed before use (ms); default 2 minutes. */
  marginMs?: number;
  /** How long one token-endpoint call may take in all (ms); default 15 s (the operator's provider timeout). */
  tokenTimeoutMs?: number;
}

/** What a session of an OAuth account puts on its provider client instead of key-based credentials. */
export type BearerTarget = Required<
  Pick<ClientTarget, "authMethod" | "credentials" | "hostUrl" | "accessToken" | "renewAccessToken">
>;

const DEFAULT_MARGIN_MS = 2 * 60_000;
const DEFAULT_TOKEN_TIMEOUT_MS = 15_000;
/** The shortest refresh lease; a lease also lasts at least four token-call timeouts, so holders never overlap. */
const MIN_LEASE_MS = 60_000;

/**
 * The access tokens of OAuth accounts: handed out while fresh, refreshed shortly before they expire and once
 * when the provider answers 401. A refresh stores the new access token and the (rotated) refresh token in one
 * sealed value, so they can never be out of step. Concurrent refreshes of one account collapse into one: in
 * this process by a single flight per account; across processes sharing the database (instances on
 * PostgreSQL, the CLI beside the server on SQLite) by a refresh lease per account (refresh-lease.ts): the
 * holder re-reads the stored token set and calls the token endpoint only when it is still stale, others wait
 * for the lease to end and then use what the holder stored, so a rotated refresh token is never used twice.
 * No database connection or transaction is held while the token endpoint is called, and the call is bounded
 * by `tokenTimeoutMs` (then AppError `provider_unreachable`, the lease released). A refresh the server
 * refuses (`invalid_grant`: revoked, expired or reused grant) sets the account to needs_reauth (before the
 * lease ends, so waiters see it), tells `onNeedsReauth` and throws AppError `needs_reauth`.
 */
export class OAuthTokens {
  readonly #inflight = new Map<string, Promise<string>>();
  /** The newest sealed token set this process wrote, per account, and the snapshot it replaced. */
  readonly #written = new Map<string, { from: string; sealed: string }>();
  /** The last token set opened per account, with the sealed value it came from: one decryption per token set. */
  readonly #opened = new Map<string, { sealed: string; tokens: TokenSet | undefined }>();
  /** How token-endpoint calls go out: their own undici pool (never the global one) and a whole-call timeout. */
  readonly tokenTransport: TokenTransport;
  readonly #leaseTiming: RefreshLeaseTiming;
  readonly #now: () => number;

  constructor(private readonly deps: OAuthTokensDeps) {
    this.#now = deps.now ?? Date.now;
    const timeoutMs = deps.tokenTimeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS;
    this.tokenTransport = { dispatcher: new Agent({ connections: 8 }), timeoutMs };
    this.#leaseTiming = { leaseMs: Math.max(MIN_LEASE_MS, 4 * timeoutMs), pollMs: 25, maxPollMs: 1_000 };
  }

  /**
   * The client parts of a session of `account` (auth_method "oauth"): its current access token per request,
   * one renewal after a 401, and the hosts bearer requests go to (the provider's `oauth.hosts`). A caller
   * whose `signal` aborts stops waiting for a refresh (which goes on for the others).
   */
  bearer(provider: ProviderDefinition, account: AccountWithSecret, signal?: AbortSignal): BearerTarget {
    return {
      authMethod: "oauth",
      // No key-based fields: the token set is not a credential provider code may read.
      credentials: () => ({}),
      hostUrl: bearerHostUrl(provider, account.settings, this.deps.env),
      accessToken: () => this.accessToken(provider, account, signal),
      renewAccessToken: async (rejected) => {
        await this.#refresh(provider, account, rejected, signal);
      },
    };
  }

  /**
   * A client of a grant that is not an account yet (the live check after a consent): a fixed access token,
   * the hosts of `settings` as discovered so far, no refresh.
   */
  grantClient(
    provider: ProviderDefinition,
    accountId: string,
    region: string,
    accessToken: string,
    settings: Readonly<Record<string, string>>,
  ): ProviderClient {
    return createProviderClient(this.deps.engine, {
      provider,
      accountId,
      region,
      baseUrl: baseUrlFor(provider, region, this.deps.env),
      authMethod: "oauth",
      credentials: () => ({}),
      hostUrl: bearerHostUrl(provider, settings, this.deps.env),
      accessToken: async () => accessToken,
      settings,
    });
  }

  /** The clock the token sets are dated by (ms since the epoch). */
  now(): number {
    return this.#now();
  }

  /**
   * The account's current access token, refreshed first when it expires within the margin. Throws AppError
   * `needs_reauth` (grant refused or no refresh token), `provider_unreachable` (token endpoint down or not
   * answering in time), `provider_timeout` (another process's refresh did not end), or `signal`'s reason.
   */
  async accessToken(
    provider: ProviderDefinition,
    account: AccountWithSecret,
    signal?: AbortSignal,
  ): Promise<string> {
    const tokens = this.#open(this.#current(account), account.id);
    if (!tokens) throw needsReauth(provider);
    if (!this.#expiring(tokens)) return tokens.access_token;
    return this.#refresh(provider, account, tokens.access_token, signal);
  }

  async close(): Promise<void> {
    await this.tokenTransport.dispatcher.close();
  }

  #current(account: AccountWithSecret): string {
    const written = this.#written.get(account.id);
    return written && written.from === account.credentials ? written.sealed : account.credentials;
  }

  #open(sealed: string, accountId: string): TokenSet | undefined {
    const last = this.#opened.get(accountId);
    if (last?.sealed === sealed) return last.tokens;
    const tokens = asTokenSet(this.deps.vault.openJson<unknown>(sealed, accountId));
    this.#opened.set(accountId, { sealed, tokens });
    return tokens;
  }

  #expiring(tokens: TokenSet): boolean {
    return tokens.expires_at - this.#now() <= (this.deps.marginMs ?? DEFAULT_MARGIN_MS);
  }

  /** Whether `tokens` can be used instead of refreshing `stale`: another refresh replaced it meanwhile. */
  #usable(tokens: TokenSet, stale: string): boolean {
    return tokens.access_token !== stale && !this.#expiring(tokens);
  }

  /** One refresh per account at a time in this process; callers asking meanwhile share its outcome. */
  #refresh(
    provider: ProviderDefinition,
    account: AccountWithSecret,
    stale: string,
    signal?: AbortSignal,
  ): Promise<string> {
    let refresh = this.#inflight.get(account.id);
    if (!refresh) {
      refresh = underRefreshLease(this.deps.leases, account.id, this.#leaseTiming, {
        hold: () => this.#refreshHeld(provider, account, stale),
        settled: () => this.#refreshedElsewhere(provider, account, stale),
      }).finally(() => this.#inflight.delete(account.id));
      this.#inflight.set(account.id, refresh);
    }
    return untilAborted(refresh, signal);
  }

  /** After another refresh's lease ended: the access token it stored, or undefined when it left none usable. */
  async #refreshedElsewhere(
    provider: ProviderDefinition,
    account: AccountWithSecret,
    stale: string,
  ): Promise<string | undefined> {
    const { sealed, tokens } = await this.#readStored(provider, account);
    if (!tokens || !this.#usable(tokens, stale)) return undefined;
    this.#written.set(account.id, { from: account.credentials, sealed });
    return tokens.access_token;
  }

  /**
   * With the lease held: re-reads the stored token set, and refreshes only when it is still the one the caller
   * found stale or it expires (another request or instance may have refreshed before the lease was ours).
   */
  async #refreshHeld(
    provider: ProviderDefinition,
    account: AccountWithSecret,
    stale: string,
  ): Promise<string> {
    const { sealed, tokens: stored } = await this.#readStored(provider, account);
    if (stored && this.#usable(stored, stale)) {
      this.#written.set(account.id, { from: account.credentials, sealed });
      return stored.access_token;
    }
    try {
      if (!stored?.refresh_token)
        throw new OAuthGrantRefused(0, "no_refresh_token", "the grant holds no refresh token");
      const client = oauthClientFor(provider, this.deps.env);
      if (!client)
        throw new AppError("needs_reauth", {
          message: `${provider.label} OAuth is no longer configured on this Roster (${provider.name.toUpperCase()}_OAUTH_CLIENT_ID); connect the account with a key.`,
        });
      const response = await callTokenEndpoint(
        client,
        { grant_type: "refresh_token", refresh_token: stored.refresh_token },
        this.tokenTransport,
      );
      const next = tokenSetFrom(
        response,
        this.#now(),
        client.spec.defaultExpiresInSeconds,
        stored.refresh_token,
      );
      await this.#store(account, sealed, stored.refresh_token, next);
      return next.access_token;
    } catch (error) {
      if (!(error instanceof OAuthGrantRefused)) throw error;
      // Still holding the lease: a waiter then finds needs_reauth instead of trying the refused grant again.
      const message = `${provider.label} refused to refresh the OAuth grant (${error.error}): the person must connect again`;
      if (await this.deps.accounts.setStatus(account.id, "needs_reauth", message))
        this.deps.onNeedsReauth?.(account);
      throw needsReauth(provider);
    }
  }

  /** The account's stored token set (undefined when the sealed value is no token set) and its sealed value. */
  async #readStored(
    provider: ProviderDefinition,
    account: AccountWithSecret,
  ): Promise<{ sealed: string; tokens: TokenSet | undefined }> {
    const row = await this.deps.store.db
      .selectFrom("integrated_accounts")
      .select(["credentials", "status"])
      .where("id", "=", account.id)
      .executeTakeFirst();
    if (!row) throw new AppError("not_found", { message: "No such integrated account." });
    if (row.status === "needs_reauth") throw needsReauth(provider);
    return { sealed: row.credentials, tokens: this.#open(row.credentials, account.id) };
  }

  /**
   * Stores `next` in place of the token set read as `read` (refreshed with `used`), access and refresh token
   * together in one sealed value and one row update. Compare-and-set, since no lock is held across the token
   * call: a key rotation that re-sealed the same token set meanwhile is written over; a reconnect (with a key
   * or a new consent) or a refresh that went on after this one's lease expired is not, theirs stands.
   */
  async #store(account: AccountWithSecret, read: string, used: string, next: TokenSet): Promise<void> {
    const sealed = this.deps.vault.sealJson(next, account.id);
    let expected = read;
    for (let tries = 0; tries < 3; tries++) {
      const result = await this.deps.store.db
        .updateTable("integrated_accounts")
        .set({ credentials: sealed.sealed, credentials_key_id: sealed.keyId, updated_at: nowIso() })
        .where("id", "=", account.id)
        .where("auth_method", "=", "oauth")
        .where("credentials", "=", expected)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) > 0) {
        this.#written.set(account.id, { from: account.credentials, sealed: sealed.sealed });
        return;
      }
      const row = await this.deps.store.db
        .selectFrom("integrated_accounts")
        .select(["credentials", "auth_method"])
        .where("id", "=", account.id)
        .executeTakeFirst();
      if (row?.auth_method !== "oauth" || this.#open(row.credentials, account.id)?.refresh_token !== used)
        return;
      expected = row.credentials;
    }
  }
}

function needsReauth(provider: ProviderDefinition): AppError {
  return new AppError("needs_reauth", {
    message: `${provider.label} no longer accepts this account's OAuth grant. Reconnect it through a link token.`,
  });
}

/**
 * Where bearer requests of `provider` go, per host: the provider's `oauth.hosts` builder when it declares one
 * for the host (e.g. a gateway URL naming the consented site), else the host's key-based URL with the
 * operator's overrides. Nothing a caller sends takes part.
 */
function bearerHostUrl(
  provider: ProviderDefinition,
  settings: Readonly<Record<string, string>>,
  env: Readonly<Record<string, string | undefined>>,
): ClientTarget["hostUrl"] {
  const hosts = provider.oauth?.hosts ?? {};
  const keyHost = (host: string) => hostUrlFor(provider, host, {}, env);
  return (host) => {
    const build = Object.hasOwn(hosts, host) ? hosts[host] : undefined;
    return (build ? build({ settings, hostUrl: keyHost }) : keyHost(host)).replace(/\/+$/, "");
  };
}
