import { Agent } from "undici";
import { AppError } from "../../core/errors.ts";
import type { ProviderClient, ProviderDefinition } from "../../core/provider/contract.ts";
import type { HttpEngine } from "../../http/index.ts";
import type { Db, StoreHandle } from "../../store/database.ts";
import { nowIso } from "../../store/ids.ts";
import type { AccountWithSecret, IntegratedAccountRepository } from "../../store/integrated-accounts.ts";
import type { Vault } from "../../vault/index.ts";
import { baseUrlFor, hostUrlFor } from "../base-url.ts";
import { type ClientTarget, createProviderClient } from "../provider-client.ts";
import { oauthClientFor } from "./oauth-client.ts";
import { callTokenEndpoint, OAuthGrantRefused } from "./token-endpoint.ts";
import { asTokenSet, type TokenSet, tokenSetFrom } from "./token-set.ts";

export interface OAuthTokensDeps {
  engine: HttpEngine;
  store: StoreHandle;
  vault: Vault;
  accounts: IntegratedAccountRepository;
  env: Readonly<Record<string, string | undefined>>;
  /** Told when a refused refresh flipped an account to needs_reauth (the same hook as a provider's 401). */
  onNeedsReauth?: (account: AccountWithSecret) => void;
  /** The clock, ms since the epoch (tests move it). */
  now?: () => number;
  /** An access token this close to its expiry is refreshed before use (ms); default 2 minutes. */
  marginMs?: number;
}

/** What a session of an OAuth account puts on its provider client instead of key-based credentials. */
export type BearerTarget = Required<
  Pick<ClientTarget, "authMethod" | "credentials" | "hostUrl" | "accessToken" | "renewAccessToken">
>;

const DEFAULT_MARGIN_MS = 2 * 60_000;

/**
 * The access tokens of OAuth accounts: handed out while fresh, refreshed shortly before they expire and once
 * when the provider answers 401. A refresh stores the new access token and the (rotated) refresh token in one
 * sealed value, so they can never be out of step. Concurrent refreshes of one account collapse into one: in
 * this process by a single flight per account; across instances on PostgreSQL by a row lock
 * (`SELECT … FOR UPDATE`) held for the refresh, after which the waiting instance finds the new token and does
 * not refresh again, so a rotated refresh token is never used twice. SQLite is one process: the single flight
 * is enough. A refresh the server refuses (`invalid_grant`: revoked, expired or reused grant) sets the account
 * to needs_reauth, tells `onNeedsReauth` and throws AppError `needs_reauth`.
 */
export class OAuthTokens {
  readonly #inflight = new Map<string, Promise<string>>();
  /** The newest sealed token set this process wrote, per account, and the snapshot it replaced. */
  readonly #written = new Map<string, { from: string; sealed: string }>();
  /** The last token set opened per account, with the sealed value it came from: one decryption per token set. */
  readonly #opened = new Map<string, { sealed: string; tokens: TokenSet | undefined }>();
  /** The connection pool of token-endpoint calls (undici, explicit, never the global one). */
  readonly dispatcher = new Agent({ connections: 8 });
  readonly #now: () => number;

  constructor(private readonly deps: OAuthTokensDeps) {
    this.#now = deps.now ?? Date.now;
  }

  /**
   * The client parts of a session of `account` (auth_method "oauth"): its current access token per request,
   * one renewal after a 401, and the hosts bearer requests go to (the provider's `oauth.hosts`).
   */
  bearer(provider: ProviderDefinition, account: AccountWithSecret): BearerTarget {
    return {
      authMethod: "oauth",
      // No key-based fields: the token set is not a credential provider code may read.
      credentials: () => ({}),
      hostUrl: bearerHostUrl(provider, account.settings, this.deps.env),
      accessToken: () => this.accessToken(provider, account),
      renewAccessToken: async (rejected) => {
        await this.#refresh(provider, account, rejected);
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
   * `needs_reauth` (grant refused or no refresh token), `provider_unreachable` (token endpoint down).
   */
  async accessToken(provider: ProviderDefinition, account: AccountWithSecret): Promise<string> {
    const tokens = this.#open(this.#current(account), account.id);
    if (!tokens) throw needsReauth(provider);
    if (!this.#expiring(tokens)) return tokens.access_token;
    return this.#refresh(provider, account, tokens.access_token);
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
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

  /** One refresh per account at a time in this process; callers asking meanwhile share its outcome. */
  #refresh(provider: ProviderDefinition, account: AccountWithSecret, stale: string): Promise<string> {
    const running = this.#inflight.get(account.id);
    if (running) return running;
    const refresh = this.#refreshLocked(provider, account, stale).finally(() =>
      this.#inflight.delete(account.id),
    );
    this.#inflight.set(account.id, refresh);
    return refresh;
  }

  async #refreshLocked(provider: ProviderDefinition, account: AccountWithSecret, stale: string) {
    try {
      if (this.deps.store.dialect !== "postgres")
        return await this.#refreshRow(this.deps.store.db, provider, account, stale);
      return await this.deps.store.db
        .transaction()
        .execute((trx) => this.#refreshRow(trx, provider, account, stale, true));
    } catch (error) {
      if (!(error instanceof OAuthGrantRefused)) throw error;
      // After the lock is released: the status change and its event are the same as a provider 401's.
      const message = `${provider.label} refused to refresh the OAuth grant (${error.error}): the person must connect again`;
      if (await this.deps.accounts.setStatus(account.id, "needs_reauth", message))
        this.deps.onNeedsReauth?.(account);
      throw needsReauth(provider);
    }
  }

  /**
   * Reads the stored token set (locked on PostgreSQL), and refreshes only when it is still the one the
   * caller found stale or it expires: another request or instance may have refreshed meanwhile.
   */
  async #refreshRow(
    db: Db,
    provider: ProviderDefinition,
    account: AccountWithSecret,
    stale: string,
    lock = false,
  ): Promise<string> {
    let query = db
      .selectFrom("integrated_accounts")
      .select(["credentials", "status"])
      .where("id", "=", account.id);
    if (lock) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    if (!row) throw new AppError("not_found", { message: "No such integrated account." });
    if (row.status === "needs_reauth") throw needsReauth(provider);
    const stored = this.#open(row.credentials, account.id);
    if (!stored?.refresh_token) {
      if (stored && stored.access_token !== stale && !this.#expiring(stored)) return stored.access_token;
      throw new OAuthGrantRefused(0, "no_refresh_token", "the grant holds no refresh token");
    }
    if (stored.access_token !== stale && !this.#expiring(stored)) {
      this.#written.set(account.id, { from: account.credentials, sealed: row.credentials });
      return stored.access_token;
    }
    const client = oauthClientFor(provider, this.deps.env);
    if (!client)
      throw new AppError("needs_reauth", {
        message: `${provider.label} OAuth is no longer configured on this Roster (${provider.name.toUpperCase()}_OAUTH_CLIENT_ID); connect the account with a key.`,
      });
    const response = await callTokenEndpoint(
      client,
      { grant_type: "refresh_token", refresh_token: stored.refresh_token },
      this.dispatcher,
    );
    const next = tokenSetFrom(
      response,
      this.#now(),
      client.spec.defaultExpiresInSeconds,
      stored.refresh_token,
    );
    const sealed = this.deps.vault.sealJson(next, account.id);
    // Access and refresh token change together, in one sealed value and one row update; never over an
    // account that was reconnected with a key meanwhile (SQLite holds no lock across the refresh).
    await db
      .updateTable("integrated_accounts")
      .set({ credentials: sealed.sealed, credentials_key_id: sealed.keyId, updated_at: nowIso() })
      .where("id", "=", account.id)
      .where("auth_method", "=", "oauth")
      .execute();
    this.#written.set(account.id, { from: account.credentials, sealed: sealed.sealed });
    return next.access_token;
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
