import { z } from "zod";
import { AppError } from "../../core/errors.ts";
import type { OAuthSpec, ProviderClient } from "../../core/provider/contract.ts";
import { domains, hosts } from "./domains.ts";
import { parseJsmPayload } from "./schemas.ts";

/** The scope without which a grant cannot reach JSM Operations (reference §2.3). */
const OPS_SCOPE = "read:ops-config:jira-service-management";

const accessibleResourcesSchema = z.array(
  z.looseObject({ id: z.string().min(1), url: z.string(), scopes: z.array(z.string()).optional() }),
);

/**
 * Atlassian OAuth 2.0 (3LO), reference §2.3: consent at `https://auth.atlassian.com/authorize` with
 * `audience=api.atlassian.com` and `prompt=consent`, tokens from `/oauth/token` with a JSON body, no PKCE,
 * access tokens for 3600 s, rotating refresh tokens (`offline_access`) with a 10-minute reuse leeway.
 * With a bearer token the site's Jira platform API is reached through `https://api.atlassian.com/ex/jira/
 * {cloudId}` (DA/cloud/oauth/getting-started/making-calls-to-api), JSM Ops stays on api.atlassian.com under
 * its cloud id path; the Teams API and the gateway's GraphQL take no 3LO scope, so team members and the
 * organization id are out of reach for such accounts (groups carry a warning instead of members).
 */
export const jsmOAuth: OAuthSpec = {
  defaultBaseUrl: "https://auth.atlassian.com",
  authorizePath: "/authorize",
  tokenPath: "/oauth/token",
  scopes: [OPS_SCOPE, "read:jira-user", "manage:jira-configuration", "offline_access"],
  authorizeParams: { audience: "api.atlassian.com", prompt: "consent" },
  pkce: false,
  tokenBody: "json",
  rotation: { reuseWindowSeconds: 600 },
  defaultExpiresInSeconds: 3600,
  hosts: {
    [hosts.site]: ({ settings, hostUrl }) =>
      `${hostUrl(hosts.api)}/ex/jira/${encodeURIComponent(settings.cloud_id ?? "")}`,
  },
  afterGrant: consentedSite,
};

/**
 * The site the person consented to, from `GET /oauth/token/accessible-resources` (the only way from a token,
 * reference §2.3): the first resource granted the Ops scope. Its `id` is the cloud id; its host the site.
 * Throws AppError `insufficient_access` when no consented site grants JSM Operations.
 */
async function consentedSite(call: ProviderClient): Promise<Record<string, string>> {
  const res = await call.request({
    path: "/oauth/token/accessible-resources",
    host: hosts.api,
    domain: domains.ops,
    resource: "accessible-resources",
  });
  const resources = parseJsmPayload(accessibleResourcesSchema, res.body, "accessible resources");
  const site = resources.find((r) => r.scopes?.includes(OPS_SCOPE)) ?? undefined;
  if (!site)
    throw new AppError("insufficient_access", {
      message:
        "The authorization grants no Atlassian site with Jira Service Management Operations: consent again and pick the site, or connect with an API token.",
    });
  let host = "";
  try {
    host = new URL(site.url).host;
  } catch {
    // The site is then named by its cloud id only.
  }
  return { cloud_id: site.id, ...(host ? { site: host } : {}) };
}
