/**
 * Atlassian's OAuth 2.0 (3LO) as the JSM simulator serves it (reference §2.3 and §7 "OAuth authorization
 * server"), on the same port as the site and api.atlassian.com: the kit's authorization server at
 * `/authorize` (requires `audience=api.atlassian.com`; PKCE is not supported, a challenge is ignored) and
 * `/oauth/token` (JSON body; `invalid_grant` is a 403; a bad client is `access_denied` [unverified status]),
 * access tokens for 3600 s, rotating refresh tokens only with `offline_access`, a 10-minute reuse leeway;
 * `GET /oauth/token/accessible-resources`; and the 3LO gateway prefix `/ex/jira/{cloudId}` in front of the
 * site's Jira APIs, which is stripped so the ordinary routes answer.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { OAuthServer } from "../kit/oauth/oauth-server.ts";
import type { SimState } from "./route.ts";

export interface JsmOAuthClient {
  clientId: string;
  clientSecret: string;
}

/** The client registered with a simulated site, derived from its seed. */
export function jsmOAuthClient(seed: number): JsmOAuthClient {
  return { clientId: `jsm-sim-client-${seed}`, clientSecret: `jsm-sim-secret-${seed}` };
}

export function jsmOAuthServer(client: JsmOAuthClient): OAuthServer {
  return new OAuthServer({
    ...client,
    label: "Atlassian (simulated)",
    authorizePath: "/authorize",
    tokenPath: "/oauth/token",
    requiredAuthorizeParams: { audience: "api.atlassian.com" },
    pkce: "ignore",
    invalidGrantStatus: 403,
    badClientError: "access_denied",
    accessTtlSeconds: 3600,
    codeTtlSeconds: 600,
    rotate: true,
    reuseLeewaySeconds: 600,
    refreshScope: "offline_access",
    tokenPrefix: "atl_",
  });
}

/** Scopes the simulated grant reports for the site (what Roster asks for). */
const GRANTED_SCOPES = [
  "read:ops-config:jira-service-management",
  "read:jira-user",
  "manage:jira-configuration",
  "offline_access",
];

/**
 * The simulator's interceptor: the authorization server, accessible-resources (bearer only) and the
 * `/ex/jira/{cloudId}` prefix (another cloud id: 404). Returns true when it answered.
 */
export function jsmOAuthIntercept(oauth: OAuthServer, state: SimState) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (oauth.handle(req, res)) return true;
    const url = req.url ?? "/";
    if (url.split("?")[0] === "/oauth/token/accessible-resources") {
      const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
      if (!token || !oauth.validAccessToken(token)) {
        send(res, 401, { code: 401, message: "Unauthorized" });
        return true;
      }
      send(res, 200, [
        {
          id: state.cloudId,
          name: state.site.split(".")[0],
          url: `https://${state.site}`,
          scopes: GRANTED_SCOPES,
          avatarUrl: "https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/rocket.png",
        },
      ]);
      return true;
    }
    const gateway = /^\/ex\/jira\/([^/?]+)(\/.*)?$/.exec(url);
    if (gateway) {
      if (decodeURIComponent(gateway[1] ?? "") !== state.cloudId) {
        send(res, 404, { code: 404, message: "Site not found" });
        return true;
      }
      req.url = gateway[2] ?? "/";
    }
    return false;
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
