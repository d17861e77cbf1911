import { z } from "zod";
import { type ProviderDefinition, ProviderHttpError } from "../../core/provider/contract.ts";
import { checkAccess } from "./credentials-check.ts";
import { domains } from "./domains.ts";
import { mapRequestLimits } from "./mappers.ts";
import { wholeList } from "./paging.ts";
import { proxyResources } from "./proxy-resources.ts";
import { opsgenieRequestLimitsResponseSchema, parseOpsgeniePayload } from "./schemas.ts";
import { licenses, organizations } from "./unified/account.ts";
import { groups } from "./unified/groups.ts";
import { roles } from "./unified/roles.ts";
import { users } from "./unified/users.ts";

/** Until an account's real limits are read from /v2/request-limits/, pace at a modest rate per domain. */
const assumedLimits = [
  { limit: 10, periodSeconds: 1 },
  { limit: 600, periodSeconds: 60 },
];

export const opsgenie = {
  name: "opsgenie",
  label: "Opsgenie",
  category: "user-directory",
  regions: {
    us: { baseUrl: "https://api.opsgenie.com" },
    eu: { baseUrl: "https://api.eu.opsgenie.com" },
  },
  credentials: {
    fields: [
      {
        name: "api_key",
        label: "API key",
        type: "password",
        required: true,
        help: "A global API integration key (Settings → Integrations → API) or an API Key Management key with Read and Configuration Access.",
      },
      {
        name: "region",
        label: "Region",
        type: "select",
        required: false,
        options: ["us", "eu"],
        option_labels: { us: "US — app.opsgenie.com", eu: "EU — app.eu.opsgenie.com" },
        help: "Where your Opsgenie account lives: EU if you sign in at app.eu.opsgenie.com.",
      },
    ],
    schema: z.strictObject({
      api_key: z.string().trim().min(1, "is required").max(200),
      region: z.enum(["us", "eu"]).optional(),
    }),
  },
  setupSteps: [
    "In Opsgenie, open Settings → Integrations, add (or open) an “API” integration and copy its API key. Make sure “Restrict access to configurations” is off.",
    "Or open Settings → API key management, create a key with Read and Configuration Access, and copy it.",
    "Read-only access is enough: Roster only reads users, teams and roles. Team API keys cannot read them.",
  ],
  auth: { kind: "header", header: "authorization", template: "GenieKey {api_key}" },
  rateLimits: {
    defaultDomain: domains.configuration,
    defaults: { "*": assumedLimits },
    throttlePeriodHeader: "x-ratelimit-period-in-sec",
    // Opsgenie sends no Retry-After; the tripped window's period is how long to wait.
    retryAfterHeaders: ["retry-after", "x-ratelimit-period-in-sec"],
  },
  // Most Opsgenie lists come whole; the paged ones (users, alerts, ...) say so in proxy-resources.ts.
  pagination: wholeList,
  unified: { "user-directory": { users, groups, roles, licenses, organizations } },
  proxy: proxyResources,
  checkAccess,

  async learnRateLimits(call) {
    try {
      const res = await call.request({
        path: "/v2/request-limits/",
        domain: domains.configuration,
        resource: "request-limits",
      });
      return mapRequestLimits(
        parseOpsgeniePayload(opsgenieRequestLimitsResponseSchema, res.body, "request limits").data,
      );
    } catch (error) {
      // Team keys and keys without configuration access may not read it; the assumed limits stay.
      if (error instanceof ProviderHttpError && error.status < 500) return undefined;
      throw error;
    }
  },
} satisfies ProviderDefinition;
