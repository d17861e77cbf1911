import { z } from "zod";
import type { CredentialField } from "../../core/provider/contract.ts";

/**
 * An Atlassian Cloud site host, e.g. `acme.atlassian.net`: one lower-case label of letters, digits and
 * inner hyphens, then exactly `.atlassian.net`. It becomes a host Roster calls with the account's
 * credentials, so nothing else passes: no scheme, port, path, query, fragment, userinfo, IP address,
 * upper case, trailing dot or other domain (`x.atlassian.net.evil.com`, `evil.com#.atlassian.net`).
 */
export const SITE_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.atlassian\.net$/;

export const jsmCredentialFields: CredentialField[] = [
  {
    name: "site",
    label: "Site",
    type: "text",
    required: true,
    help: "Your Atlassian site's host, e.g. acme.atlassian.net (the host only, no scheme or path).",
  },
  {
    name: "email",
    label: "Atlassian account e-mail",
    type: "text",
    required: true,
    help: "The e-mail of a person (not a service account) with a JSM agent licence, Operations global admin and Administer Jira.",
  },
  {
    name: "api_token",
    label: "API token",
    type: "password",
    required: true,
    help: "A classic API token of that account (id.atlassian.com → Security → API tokens).",
  },
  {
    name: "admin_api_key",
    label: "Organization admin API key (optional)",
    type: "password",
    required: false,
    help: "An org admin API key (admin.atlassian.com → Settings → API keys): lets Roster read the e-mails that people's privacy settings hide.",
  },
];

export const jsmCredentialSchema = z.strictObject({
  site: z
    .string()
    .max(100)
    .regex(
      SITE_PATTERN,
      "must be your site's host name like acme.atlassian.net: lower case, the host only (no scheme, port or path)",
    ),
  email: z.email("must be an e-mail address").max(254),
  api_token: z.string().trim().min(1, "is required").max(1000),
  admin_api_key: z.string().trim().min(1).max(1000).optional(),
});
