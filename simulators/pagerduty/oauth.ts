/**
 * PagerDuty's OAuth 2.0 authorization server (identity.pagerduty.com) as the kit simulates it, per PagerDuty's
 * developer docs (PagerDuty/developer-docs, docs/app-integration-development/10-Act-as-User-OAuth-PKCE.md):
 * `GET /oauth/authorize` (PKCE S256 supported), `POST /oauth/token` with a form body, the code valid 30 s,
 * the redirect adding `subdomain`, refresh returning a new refresh token, access tokens living 30 days for
 * clients registered after 2022-10-30. The status of `invalid_grant` (400, RFC 6749 §5.2) and the reuse
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

export function pagerdutyOAuthServer(client: PagerdutyOAuthClient, subdomain: string): OAuthServer {
  return new OAuthServer({
    ...client,
    label: "PagerDuty (simulated)",
    authorizePath: "/oauth/authorize",
    tokenPath: "/oauth/token",
    pkce: "verify",
    invalidGrantStatus: 400,
    badClientError: "invalid_client",
    extraRedirectParams: { subdomain },
    accessTtlSeconds: 30 * 24 * 3600,
    codeTtlSeconds: 30,
    rotate: true,
    reuseLeewaySeconds: 0,
    tokenPrefix: "pdus+_",
  });
}
