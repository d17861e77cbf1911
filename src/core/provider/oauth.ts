import type { ProviderClient } from "./contract.ts";

/**
 * OAuth 2.0 (authorization-code grant) as a provider declares it: a connection kind beside the key-based
 * credentials. The engine runs the flow, keeps the tokens sealed and refreshes them; the provider states
 * only its facts here. Operators enable it per provider with `<PROVIDER>_OAUTH_CLIENT_ID` and
 * `<PROVIDER>_OAUTH_CLIENT_SECRET` (and may move the authorization server with `<PROVIDER>_OAUTH_BASE_URL`).
 */
export interface OAuthSpec {
  /** The authorization server's base URL, e.g. "https://auth.example.com" (no trailing slash). */
  defaultBaseUrl: string;
  /** The consent screen, relative to the base URL, e.g. "/authorize". */
  authorizePath: string;
  /** The token endpoint (code exchange and refresh), relative to the base URL, e.g. "/oauth/token". */
  tokenPath: string;
  /** Scopes asked for, sent space-separated. */
  scopes: readonly string[];
  /** Further query parameters of the consent URL (e.g. an `audience` or `prompt`). */
  authorizeParams?: Readonly<Record<string, string>>;
  /** Whether the server takes PKCE (S256); when true Roster always sends a challenge. */
  pkce: boolean;
  /** How the token endpoint wants its body: JSON or `application/x-www-form-urlencoded`. */
  tokenBody: "json" | "form";
  /**
   * Refresh-token rotation: every refresh returns a new refresh token and retires the old one; the old one
   * still works for `reuseWindowSeconds` (0: never), after which a reuse revokes the whole grant. Roster never
   * sends a retired token (refreshes are serialized per account and the new pair is stored at once), so the
   * window is a documented fact, not a margin Roster relies on.
   */
  rotation?: { reuseWindowSeconds: number };
  /** Access-token lifetime assumed when the token response has no `expires_in`, in seconds. */
  defaultExpiresInSeconds: number;
  /**
   * Where requests go with a bearer token when not where key-based requests go: a URL per host name of the
   * definition (`ProviderDefinition.hosts`). `hostUrl` gives a host's key-based URL (operator overrides
   * applied; hosts built from credentials are not available) to build on, `settings` what `afterGrant`
   * discovered.
   */
  hosts?: Readonly<
    Record<
      string,
      (context: { settings: Readonly<Record<string, string>>; hostUrl(host: string): string }) => string
    >
  >;
  /**
   * Non-secret settings read right after the grant with the new access token (e.g. the site the person
   * consented to), stored with the account like `discover`'s. Throws AppError `insufficient_access` when the
   * grant gives nothing Roster can use.
   */
  afterGrant?(client: ProviderClient): Promise<Record<string, string>>;
  /**
   * The account's region, read from the code exchange's token response (e.g. an OpenID ID token's `aud`):
   * the name of one of the definition's `regions`, or undefined when the response does not tell. Only a
   * region name is taken, never a URL: Roster keeps calling the hosts its operator configured. Not called
   * on a refresh (the answer of a refresh need not carry an ID token).
   */
  regionFromGrant?(grant: GrantedToken): string | undefined;
}

/** What a code exchange answered that a provider may read the account's region from. */
export interface GrantedToken {
  /**
   * The payload of the OpenID ID token (`id_token`, OIDC Core 3.1.3.3) when the answer carried one that
   * decodes to a JSON object; its signature is not checked (see id-token-claims.ts in connections/oauth).
   */
  idTokenClaims?: Readonly<Record<string, unknown>>;
  /** The granted scopes, space-separated, as the answer's `scope` says. */
  scope?: string;
}

/** The ways an account of a provider can be connected. */
export type AuthMethod = "key" | "oauth";
