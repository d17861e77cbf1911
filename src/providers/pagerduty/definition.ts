import { z } from "zod";
import type { ProviderDefinition } from "../../core/provider/contract.ts";
import { checkAccess } from "./credentials-check.ts";
import { domains } from "./domains.ts";
import { pagerdutyOAuth } from "./oauth.ts";
import { offsetPaging } from "./paging.ts";
import { proxyResources } from "./proxy-resources.ts";
import { regions } from "./regions.ts";
import { groups } from "./unified/groups.ts";
import { licenses } from "./unified/licenses.ts";
import { roles } from "./unified/roles.ts";
import { users } from "./unified/users.ts";

/** PagerDuty's documented limit (reference §1.6): 960 requests per minute per API key, one budget. */
const perKeyLimit = [{ limit: 960, periodSeconds: 60 }];

export const pagerduty = {
  name: "pagerduty",
  label: "PagerDuty",
  category: "user-directory",
  regions,
  credentials: {
    fields: [
      {
        name: "api_key",
        label: "REST API key",
        type: "password",
        required: true,
        help: "A general access REST API key (Integrations → API Access Keys; read-only is enough), or the user API key of an Admin, Global Admin or Manager.",
      },
      {
        name: "region",
        label: "Service region",
        type: "select",
        required: false,
        options: ["us", "eu"],
        option_labels: { us: "US — <subdomain>.pagerduty.com", eu: "EU — <subdomain>.eu.pagerduty.com" },
        help: "Where your PagerDuty account lives: EU if you sign in at <subdomain>.eu.pagerduty.com.",
      },
    ],
    schema: z.strictObject({
      api_key: z.string().trim().min(1, "is required").max(200),
      region: z.enum(["us", "eu"]).optional(),
    }),
  },
  setupSteps: [
    "In PagerDuty, open Integrations → API Access Keys and create a REST API key (a read-only key is enough: Roster only reads users, teams and licenses). Copy it: PagerDuty shows it once.",
    "Or use a user API key (My Profile → User Settings → Create API User Token) of a user who can see the account's users, e.g. an Admin, Global Admin or Manager.",
  ],
  auth: { kind: "header", header: "authorization", template: "Token token={api_key}" },
  oauth: pagerdutyOAuth,
  headers: { accept: "application/vnd.pagerduty+json;version=2" },
  errorMessagePaths: [["error.message", "error.errors"], "message"],
  rateLimits: {
    defaultDomain: domains.rest,
    defaults: { "*": perKeyLimit },
    // PagerDuty sends no Retry-After; `ratelimit-reset` says in how many seconds the budget refills.
    retryAfterHeaders: ["ratelimit-reset", "retry-after"],
  },
  pagination: offsetPaging("users"),
  unified: { "user-directory": { users, groups, roles, licenses } },
  proxy: proxyResources,
  checkAccess,

  /**
   * PagerDuty states the key's budget on every answer (`ratelimit-limit`, per minute), which can differ from
   * the documented 960 (per-user budgets, negotiated limits); a cheap `GET /abilities` reads it.
   */
  async learnRateLimits(call) {
    const res = await call.request({ path: "/abilities", domain: domains.rest, resource: "abilities" });
    const limit = Number(res.headers["ratelimit-limit"]);
    if (!Number.isSafeInteger(limit) || limit < 1) return undefined;
    return [{ domain: domains.rest, windows: [{ limit, periodSeconds: 60 }] }];
  },
} satisfies ProviderDefinition;
