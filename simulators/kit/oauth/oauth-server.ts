/**
 * A simulated OAuth 2.0 authorization server (RFC 6749 authorization-code grant, RFC 7636 PKCE) for the
 * simulators: an auto-consent page with Approve and Deny buttons (a browser test clicks them), the token
 * endpoint (code exchange with single-use codes, client secret and redirect_uri checks, an OpenID ID token
 * when the provider issues one; refresh with rotation and reuse detection, see grants.ts), access-token
 * checks for the provider's API, an injectable clock and test hooks (among them holding token requests unanswered). Each simulator mounts it with its provider's wire details (`OAuthWire`).
 */
import { createHash, generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { GrantError, type GrantPolicy, Grants } from "./grants.ts";

/** How one provider's authorization server speaks. */
export interface OAuthWire {
  authorizePath: string;
  tokenPath: string;
  /** Query parameters the consent URL must carry with these values (e.g. an `audience`). */
  requiredAuthorizeParams?: Record<string, string>;
  /** "verify": a `code_challenge` sent is checked at the exchange (S256); "ignore": PKCE is not supported. */
  pkce: "verify" | "ignore";
  /** Status of an `invalid_grant` answer (RFC 6749 says 400; some servers answer 403). */
  invalidGrantStatus: number;
  /** The error of a wrong client id or secret (RFC 6749 `invalid_client`; some servers say `access_denied`). */
  badClientError: string;
  /** Where the consent redirects with extra parameters (e.g. the account's subdomain). */
  extraRedirectParams?: Record<string, string>;
  /**
   * The claims of the OpenID ID token (`id_token`, OIDC Core 3.1.3.3) the code exchange returns when the
   * consent's scope holds `openid`; none without this. `iat` and `exp` (an hour later) are added.
   */
  idTokenClaims?: (grant: { clientId: string; scope: string }) => Record<string, unknown>;
}

export interface OAuthServerOptions extends OAuthWire, GrantPolicy {
  clientId: string;
  clientSecret: string;
  /** Name shown on the consent page. */
  label: string;
}

export interface OAuthStats {
  refreshes: number;
  /** Access tokens in the order they were issued. */
  accessTokens: readonly string[];
  /** Refresh tokens in the order they were issued. */
  refreshTokens: readonly string[];
  /** Token requests parked by `holdTokenRequests`, unanswered, whose client is still connected. */
  heldTokenRequests: number;
}

export class OAuthServer {
  readonly #grants: Grants;
  #offsetMs = 0;
  /** Every redirect URI is accepted until one is registered (tests learn Roster's port after start-up). */
  readonly #redirectUris = new Set<string>();
  #signingKey: KeyObject | undefined;
  /** While set, token requests are parked here (not yet processed) instead of answered. */
  #held: Set<() => void> | undefined;

  constructor(readonly options: OAuthServerOptions) {
    this.#grants = new Grants(options, () => this.now());
  }

  /** The server's clock (ms): real time moved by `advance`. */
  now(): number {
    return Date.now() + this.#offsetMs;
  }

  /** Test hook: moves the clock forward (tokens expire, leeways pass). */
  advance(seconds: number): void {
    this.#offsetMs += seconds * 1000;
  }

  /** Test hook: revokes every grant (access and refresh tokens stop working). */
  revokeAll(): void {
    this.#grants.revokeAll();
  }

  /** Test hook: every access token issued so far stops working now (refresh tokens still do). */
  expireAccessTokens(): void {
    this.#grants.expireAccessTokens();
  }

  /**
   * Test hook: from now on the token endpoint answers nothing — a hung authorization server. Parked requests
   * are not processed (no code redeemed, no refresh token rotated) until `releaseTokenRequests`; one whose
   * client gave up meanwhile is dropped unprocessed, as if the server never read it.
   */
  holdTokenRequests(): void {
    this.#held ??= new Set();
  }

  /** Test hook: processes and answers the parked token requests still waiting, and answers new ones again. */
  releaseTokenRequests(): void {
    const parked = [...(this.#held ?? [])];
    this.#held = undefined;
    for (const answer of parked) answer();
  }

  /** Registers an exact redirect URI (from then on, only registered ones are accepted). */
  allowRedirectUri(uri: string): void {
    this.#redirectUris.add(uri);
  }

  stats(): OAuthStats {
    return {
      refreshes: this.#grants.refreshCount,
      accessTokens: [...this.#grants.accessHistory],
      refreshTokens: [...this.#grants.refreshHistory],
      heldTokenRequests: this.#held?.size ?? 0,
    };
  }

  /** Whether the provider's API should accept `token` as `Authorization: Bearer`. */
  validAccessToken(token: string): boolean {
    return this.#grants.validAccessToken(token);
  }

  /**
   * Serves the consent page (GET), the decision (POST) and the token endpoint, and the `/__sim/oauth/*`
   * hooks (POST advance `{seconds}`, POST revoke, POST expire-access-tokens, POST hold-token-requests,
   * POST release-token-requests, GET stats). Returns false for any other path.
   */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? "/", "http://sim");
    const { authorizePath, tokenPath } = this.options;
    if (url.pathname === authorizePath && req.method === "GET") {
      this.#consentPage(url.searchParams, res);
      return true;
    }
    if (url.pathname === authorizePath && req.method === "POST") {
      readForm(req, (form) => this.#decide(form, res));
      return true;
    }
    if (url.pathname === tokenPath && req.method === "POST") {
      readForm(req, (form) => this.#tokenOrPark(form, res));
      return true;
    }
    if (url.pathname.startsWith("/__sim/oauth/")) {
      readForm(req, (form) => this.#hook(url.pathname.slice("/__sim/oauth/".length), form, res));
      return true;
    }
    return false;
  }

  #consentPage(query: URLSearchParams, res: ServerResponse): void {
    const problem = this.#authorizeProblem(query);
    if (problem) {
      html(res, 400, `<h1>Invalid authorization request</h1><p>${escapeHtml(problem)}</p>`);
      return;
    }
    const hidden = [...query.entries()]
      .map(([n, v]) => `<input type="hidden" name="${escapeHtml(n)}" value="${escapeHtml(v)}">`)
      .join("");
    html(
      res,
      200,
      `<h1>Authorize access to ${escapeHtml(this.options.label)}</h1>
<p>An application asks to read: ${escapeHtml(query.get("scope") ?? "")}</p>
<form method="post" action="${escapeHtml(this.options.authorizePath)}">${hidden}
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny">Deny</button></form>`,
    );
  }

  #authorizeProblem(query: URLSearchParams): string | undefined {
    if (query.get("client_id") !== this.options.clientId) return "Unknown client_id.";
    if (query.get("response_type") !== "code") return "response_type must be code.";
    const redirect = query.get("redirect_uri") ?? "";
    if (!/^https?:\/\//.test(redirect)) return "redirect_uri is missing or not a URL.";
    if (this.#redirectUris.size > 0 && !this.#redirectUris.has(redirect))
      return "redirect_uri is not registered for this client.";
    if (!query.get("state")) return "state is required.";
    if (!query.get("scope")) return "scope is required.";
    for (const [name, value] of Object.entries(this.options.requiredAuthorizeParams ?? {}))
      if (query.get(name) !== value) return `${name} must be ${value}.`;
    const method = query.get("code_challenge_method");
    if (this.options.pkce === "verify" && query.get("code_challenge") && method !== "S256")
      return "code_challenge_method must be S256.";
    return undefined;
  }

  #decide(form: URLSearchParams, res: ServerResponse): void {
    const problem = this.#authorizeProblem(form);
    if (problem) {
      html(res, 400, `<h1>Invalid authorization request</h1><p>${escapeHtml(problem)}</p>`);
      return;
    }
    const target = new URL(form.get("redirect_uri") ?? "");
    const state = form.get("state") ?? "";
    if (form.get("decision") !== "approve") {
      target.searchParams.set("error", "access_denied");
      target.searchParams.set("error_description", "The resource owner denied the request.");
    } else {
      const challenge = this.options.pkce === "verify" ? form.get("code_challenge") : null;
      target.searchParams.set(
        "code",
        this.#grants.issueCode({
          clientId: this.options.clientId,
          redirectUri: form.get("redirect_uri") ?? "",
          scope: form.get("scope") ?? "",
          ...(challenge ? { challenge } : {}),
        }),
      );
      for (const [name, value] of Object.entries(this.options.extraRedirectParams ?? {}))
        target.searchParams.set(name, value);
    }
    target.searchParams.set("state", state);
    res.writeHead(302, { location: target.toString(), "cache-control": "no-store" }).end();
  }

  #tokenOrPark(form: URLSearchParams, res: ServerResponse): void {
    const held = this.#held;
    if (!held) {
      this.#token(form, res);
      return;
    }
    const answer = () => {
      res.off("close", drop);
      this.#token(form, res);
    };
    const drop = () => held.delete(answer);
    res.once("close", drop);
    held.add(answer);
  }

  #token(form: URLSearchParams, res: ServerResponse): void {
    const o = this.options;
    if (form.get("client_id") !== o.clientId || form.get("client_secret") !== o.clientSecret) {
      json(res, 401, { error: o.badClientError, error_description: "Client authentication failed." });
      return;
    }
    try {
      const grantType = form.get("grant_type");
      if (grantType === "authorization_code") {
        const code = this.#grants.redeem(form.get("code") ?? "");
        if (code.redirectUri !== form.get("redirect_uri"))
          throw new GrantError("redirect_uri does not match the authorization request.");
        if (code.challenge && pkceChallenge(form.get("code_verifier") ?? "") !== code.challenge)
          throw new GrantError("code_verifier does not match the code_challenge.");
        json(res, 200, { ...this.#grants.grant(code), ...this.#idToken(code.scope) });
      } else if (grantType === "refresh_token") {
        json(res, 200, { ...this.#grants.refresh(form.get("refresh_token") ?? "") });
      } else {
        json(res, 400, { error: "unsupported_grant_type", error_description: `grant_type ${grantType}` });
      }
    } catch (error) {
      if (!(error instanceof GrantError)) throw error;
      json(res, o.invalidGrantStatus, { error: "invalid_grant", error_description: error.message });
    }
  }

  /** An RS256-signed ID token for an `openid` grant (the key is the server's own, made on first use). */
  #idToken(scope: string): { id_token?: string } {
    const claims = this.options.idTokenClaims;
    if (!claims || !scope.split(" ").includes("openid")) return {};
    this.#signingKey ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const iat = Math.floor(this.now() / 1000);
    const segment = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const signed = `${segment({ alg: "RS256", typ: "JWT" })}.${segment({
      ...claims({ clientId: this.options.clientId, scope }),
      iat,
      exp: iat + 3600,
    })}`;
    return {
      id_token: `${signed}.${sign("sha256", Buffer.from(signed), this.#signingKey).toString("base64url")}`,
    };
  }

  #hook(name: string, form: URLSearchParams, res: ServerResponse): void {
    if (name === "advance") this.advance(Number(form.get("seconds") ?? 0));
    else if (name === "revoke") this.revokeAll();
    else if (name === "expire-access-tokens") this.expireAccessTokens();
    else if (name === "hold-token-requests") this.holdTokenRequests();
    else if (name === "release-token-requests") this.releaseTokenRequests();
    else if (name !== "stats") {
      json(res, 404, { error: "unknown hook" });
      return;
    }
    json(res, 200, { ...this.stats() });
  }
}

/** RFC 7636 S256: BASE64URL(SHA256(verifier)). */
function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

/** Reads a form or JSON body into parameters (RFC 6749 says a form; some token endpoints take JSON). */
function readForm(req: IncomingMessage, done: (form: URLSearchParams) => void): void {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const raw = Buffer.concat(chunks).toString("utf8");
    if ((req.headers["content-type"] ?? "").includes("application/json")) {
      try {
        const body = JSON.parse(raw) as Record<string, unknown>;
        done(new URLSearchParams(Object.entries(body).map(([k, v]) => [k, String(v)])));
      } catch {
        done(new URLSearchParams());
      }
    } else done(new URLSearchParams(raw));
  });
}

function json(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" }).end(text);
}

function html(res: ServerResponse, status: number, body: string): void {
  res
    .writeHead(status, { "content-type": "text/html; charset=utf-8" })
    .end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Authorize</title></head><body>${body}</body></html>`,
    );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
