/**
 * The grant bookkeeping of the simulated OAuth authorization server: single-use authorization codes,
 * grants, access tokens with an expiry, and refresh tokens that rotate. A retired refresh token still works
 * for the reuse leeway; used after it, the whole grant is revoked (its access and refresh tokens die): the
 * refresh token reuse detection of RFC 9700 §4.14.2. Time is the server's injectable clock, in ms.
 */
import { randomBytes } from "node:crypto";

export interface GrantPolicy {
  accessTtlSeconds: number;
  codeTtlSeconds: number;
  /** Every refresh returns a new refresh token and retires the one used. */
  rotate: boolean;
  /** How long a retired refresh token still works (seconds). */
  reuseLeewaySeconds: number;
  /** A scope the consent must include for a refresh token to be issued (e.g. `offline_access`). */
  refreshScope?: string;
  tokenPrefix: string;
}

export interface Code {
  clientId: string;
  redirectUri: string;
  scope: string;
  challenge?: string;
  expiresAt: number;
  used: boolean;
  /** The grant the code was exchanged for, revoked when the code is replayed (RFC 6749 §4.1.2). */
  grantId?: string;
}

interface Grant {
  id: string;
  scope: string;
  revoked: boolean;
}

interface RefreshToken {
  grantId: string;
  retiredAt?: number;
}

export interface IssuedTokens {
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  scope: string;
  token_type: "Bearer";
}

/** Why a token request failed: RFC 6749 `invalid_grant` (unknown, used, expired, revoked or reused). */
export class GrantError extends Error {}

export class Grants {
  readonly #codes = new Map<string, Code>();
  readonly #grants = new Map<string, Grant>();
  readonly #access = new Map<string, { grantId: string; expiresAt: number }>();
  readonly #refresh = new Map<string, RefreshToken>();
  /** Refresh tokens in the order they were issued (a test hook for replaying an old one). */
  readonly refreshHistory: string[] = [];
  /** Access tokens in the order they were issued (tests search logs and databases for them). */
  readonly accessHistory: string[] = [];
  refreshCount = 0;

  constructor(
    private readonly policy: GrantPolicy,
    private readonly now: () => number,
  ) {}

  issueCode(code: Omit<Code, "expiresAt" | "used">): string {
    const value = this.#token("code");
    this.#codes.set(value, {
      ...code,
      expiresAt: this.now() + this.policy.codeTtlSeconds * 1000,
      used: false,
    });
    return value;
  }

  /** The code for an exchange; a replayed code revokes what it was exchanged for. */
  redeem(value: string): Code {
    const code = this.#codes.get(value);
    if (!code) throw new GrantError("Unknown or invalid authorization code.");
    if (code.used) {
      if (code.grantId) this.revoke(code.grantId);
      throw new GrantError("The authorization code was already used.");
    }
    code.used = true;
    if (code.expiresAt <= this.now()) throw new GrantError("The authorization code has expired.");
    return code;
  }

  /** A new grant for a redeemed code, with its first tokens. */
  grant(code: Code): IssuedTokens {
    const grant: Grant = { id: this.#token("grant"), scope: code.scope, revoked: false };
    this.#grants.set(grant.id, grant);
    code.grantId = grant.id;
    return this.#issue(grant, true);
  }

  /** Tokens for a refresh token: rotated, reuse inside the leeway tolerated, outside it fatal for the grant. */
  refresh(value: string): IssuedTokens {
    const token = this.#refresh.get(value);
    const grant = token && this.#grants.get(token.grantId);
    if (!token || !grant || grant.revoked) throw new GrantError("Unknown or invalid refresh token.");
    if (
      token.retiredAt !== undefined &&
      this.now() - token.retiredAt > this.policy.reuseLeewaySeconds * 1000
    ) {
      this.revoke(grant.id);
      throw new GrantError("Unknown or invalid refresh token.");
    }
    this.refreshCount++;
    if (this.policy.rotate && token.retiredAt === undefined) token.retiredAt = this.now();
    return this.#issue(grant, this.policy.rotate);
  }

  /** Whether `value` is a live access token (known, unexpired, grant not revoked). */
  validAccessToken(value: string): boolean {
    const token = this.#access.get(value);
    if (!token || token.expiresAt <= this.now()) return false;
    return this.#grants.get(token.grantId)?.revoked === false;
  }

  /** Ends every access token now, grants untouched (the provider cut a token's life short: a 401, then a refresh works). */
  expireAccessTokens(): void {
    for (const token of this.#access.values()) token.expiresAt = Math.min(token.expiresAt, this.now());
  }

  revoke(grantId: string): void {
    const grant = this.#grants.get(grantId);
    if (grant) grant.revoked = true;
  }

  /** Revokes every grant (the person removed the app). */
  revokeAll(): void {
    for (const grant of this.#grants.values()) grant.revoked = true;
  }

  #issue(grant: Grant, withRefresh: boolean): IssuedTokens {
    const access = this.#token("at");
    this.accessHistory.push(access);
    this.#access.set(access, {
      grantId: grant.id,
      expiresAt: this.now() + this.policy.accessTtlSeconds * 1000,
    });
    const scopes = grant.scope.split(" ");
    const mayRefresh = !this.policy.refreshScope || scopes.includes(this.policy.refreshScope);
    let refresh: string | undefined;
    if (withRefresh && mayRefresh) {
      refresh = this.#token("rt");
      this.#refresh.set(refresh, { grantId: grant.id });
      this.refreshHistory.push(refresh);
    }
    return {
      access_token: access,
      ...(refresh ? { refresh_token: refresh } : {}),
      expires_in: this.policy.accessTtlSeconds,
      scope: grant.scope,
      token_type: "Bearer",
    };
  }

  #token(kind: string): string {
    return `${this.policy.tokenPrefix}${kind}_${randomBytes(18).toString("base64url")}`;
  }
}
