/**
 * PagerDuty's OAuth 2.0 authorization server (identity.pagerduty.com) as the kit simulates it, per PagerDuty's
 * developer docs (PagerDuty/developer-docs, docs/app-integration-development/10-Act-as-User-OAuth-PKCE.md):
 * `GET /oauth/authorize` (PKCE S256 supported), `POST /oauth/token` with a form body, the code valid 30 s,
 * the redirect adding `subdomain`, refresh returning a new refresh token, access tokens living 30 days for
 * clients registered after 2022-10-30. With the `openid` scope the code exchange also returns an ID token
 * (a JWT, here signed RS256 with the simulator's own key) whose `aud` holds the account's region API URL
 * and the client id (developer-docs 11-OAuth-2-Id-token.md); refreshes return none, as in the docs' sample.
 * The status of `invalid_grant` (400, RFC 6749 §5.2) and the reuse
 * leeway of a rotated refresh token (none) are [unverified].
 */
import { OAuthServer } from "../kit/oauth/oauth-server.ts";

export interface PagerdutyOAuthClient {
  clientId: string;
  clientSecret: string;
}

/** The client registered with a simulated account, derived from its seed and region. */
export function pagerdutyOAuthClient(seed: number, region: string): PagerdutyOAuthClient {
  return { clientId: `pd-sim-client-${region}-${seed}`, clientSecret: `pd-sim-secret-${region}-${seed}` };
}

/** The account's API URL by service region, as the ID token's `aud` names it (whatever URL the simulator has). */
const apiUrls: Readonly<Record<string, string>> = {
  us: "https://api.pagerduty.com",
  eu: "https://api.eu.pagerduty.com",
};

export function pagerdutyOAuthServer(
  client: PagerdutyOAuthClient,
  account: { subdomain: string; region: string; userId: string },
): OAuthServer {
  const { subdomain, region, userId } = account;
  return new OAuthServer({
    ...client,
    label: "PagerDuty (simulated)",
    authorizePath: "/oauth/authorize",
    tokenPath: "/oauth/token",
    pkce: "verify",
    invalidGrantStatus: 400,
    badClientError: "invalid_client",
    extraRedirectParams: { subdomain },
    idTokenClaims: ({ clientId }) => ({
      iss: "https://identity.pagerduty.com/global/oauth/anonymous",
      aud: [apiUrls[region] ?? apiUrls.us, clientId],
      sub: userId,
      azp: clientId,
      purpose: "id",
      user_id: userId,
      subdomain,
    }),
    accessTtlSeconds: 30 * 24 * 3600,
    codeTtlSeconds: 30,
    rotate: true,
    reuseLeewaySeconds: 0,
    tokenPrefix: "pdus+_",
  });
}
