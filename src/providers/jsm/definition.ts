import type { ProviderDefinition } from "../../core/provider/contract.ts";
import { jsmCredentialFields, jsmCredentialSchema } from "./credentials.ts";
import { checkAccess } from "./credentials-check.ts";
import { discoverSiteIds } from "./discovery.ts";
import { domains, hosts } from "./domains.ts";
import { jsmOAuth } from "./oauth.ts";
import { wholeList } from "./paging.ts";
import { proxyPathParams, proxyResources } from "./proxy-resources.ts";
import { succeedsOpsgenie } from "./succession.ts";
import { groups } from "./unified/groups.ts";
import { roles } from "./unified/roles.ts";
import { licenses, organizations } from "./unified/site.ts";
import { users } from "./unified/users.ts";

/**
 * Jira Service Management Operations (reference/jsm-ops-api.md). There is no JSM user or account API: the
 * directory is composed from Jira platform users and seats on the customer's site, JSM Ops teams and roles
 * on api.atlassian.com, the Teams API (members) through the site's gateway, and optionally the org admin
 * API (hidden e-mails). Every request names its host: `site` (https://<site>, operator override
 * JSM_SITE_BASE_URL) or `api` (https://api.atlassian.com, JSM_API_BASE_URL). No limits are published for
 * Ops and Teams (§5.1); the defaults are cautious and 429s are paced by `Retry-After`.
 */
export const jsm = {
  name: "jsm",
  label: "Jira Service Management",
  category: "user-directory",
  // One cloud: the site decides where data lives. Requests always name a host, so this URL is not called.
  regions: { cloud: { baseUrl: "https://api.atlassian.com" } },
  hosts: {
    [hosts.site]: { url: (credentials) => `https://${credentials.site}`, override: "JSM_SITE_BASE_URL" },
    [hosts.api]: { url: "https://api.atlassian.com", override: "JSM_API_BASE_URL" },
  },
  defaultHost: hosts.api,
  credentials: { fields: jsmCredentialFields, schema: jsmCredentialSchema },
  setupSteps: [
    "Use the account of a person (Atlassian refuses service accounts on the Operations APIs) who has a Jira Service Management agent licence, the Operations global admin role and the Administer Jira permission.",
    "Signed in as that person, open id.atlassian.com → Security → Create and manage API tokens, create a classic API token (not a scoped one) and copy it.",
    "Enter your site's host (e.g. acme.atlassian.net), that person's e-mail and the token. Optionally add an organization admin API key so Roster can read e-mails hidden by privacy settings.",
  ],
  auth: { kind: "basic", username: "email", password: "api_token" },
  oauth: jsmOAuth,
  // Jira `{errorMessages,errors}`, Ops `{errors:[{title}]}`, Teams/gateway `{code,message}`.
  errorMessagePaths: ["errorMessages", "errors.0.title", "message", "errors.0.message"],
  rateLimits: {
    defaultDomain: domains.ops,
    defaults: {
      [domains.site]: [{ limit: 10, periodSeconds: 1 }],
      [domains.admin]: [{ limit: 5, periodSeconds: 1 }],
      "*": [{ limit: 10, periodSeconds: 1 }],
    },
    retryAfterHeaders: ["retry-after"],
  },
  pagination: wholeList("platformTeams"),
  unified: { "user-directory": { users, groups, roles, licenses, organizations } },
  proxy: proxyResources,
  proxyPathParams,
  checkAccess,
  // The site's cloud id and organization id, kept with the account: no request has to look them up again.
  discover: discoverSiteIds,
  succeeds: succeedsOpsgenie,
} satisfies ProviderDefinition;
