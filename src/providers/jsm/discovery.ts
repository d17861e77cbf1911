import { AppError } from "../../core/errors.ts";
import type { ProviderClient } from "../../core/provider/contract.ts";
import { domains, hosts } from "./domains.ts";
import { jsmTenantContextsSchema, jsmTenantInfoSchema, parseJsmPayload } from "./schemas.ts";

/** The site's ids: `cloudId` for JSM Ops paths, `orgId` for Teams and admin paths (reference §3). */
export interface SiteIds {
  cloudId: string;
  orgId: string;
}

const TENANT_CONTEXT_QUERY =
  "query TenantContext($hostNames:[String!]!){ tenantContexts(hostNames:$hostNames){ cloudId orgId hostName } }";

/**
 * The ids are discovered when the account is linked (`discoverSiteIds`, the definition's `discover`) and kept
 * with the account, so a request reads them with `setting()`. An account linked before that, or a client
 * with fresh credentials (the live check), reads them from the site, at most once per client; a site's ids
 * never change, so the account's live requests share what one of them read for an hour (ms).
 */
const SITE_IDS_SHARE_MS = 60 * 60_000;

/** The site's cloudId from `GET /_edge/tenant_info` (no auth needed; a 404 means not an Atlassian site). */
export function cloudIdOf(call: ProviderClient): Promise<string> {
  const stored = call.setting("cloud_id");
  if (stored) return Promise.resolve(stored);
  return call.remember("cloud-id", readCloudId, { shareForMs: SITE_IDS_SHARE_MS });
}

async function readCloudId(call: ProviderClient): Promise<string> {
  const res = await call.request({
    path: "/_edge/tenant_info",
    host: hosts.site,
    domain: domains.site,
    resource: "tenant-info",
  });
  return parseJsmPayload(jsmTenantInfoSchema, res.body, "tenant info").cloudId;
}

/**
 * The site's cloudId and orgId from the gateway's `tenantContexts` (GraphQL: errors come as 200 + `errors[]`,
 * turned into AppError `remote_error`).
 */
export function siteIdsOf(call: ProviderClient): Promise<SiteIds> {
  const cloudId = call.setting("cloud_id");
  const orgId = call.setting("org_id");
  if (cloudId && orgId) return Promise.resolve({ cloudId, orgId });
  // The gateway takes no 3LO scope: a bearer call would be a 401, read as a revoked grant.
  if (call.authMethod === "oauth") return Promise.reject(notWithOAuth());
  return call.remember("site-ids", readSiteIds, { shareForMs: SITE_IDS_SHARE_MS });
}

async function readSiteIds(call: ProviderClient): Promise<SiteIds> {
  const site = call.setting("site") ?? "";
  const res = await call.request({
    method: "POST",
    path: "/gateway/api/graphql",
    host: hosts.site,
    body: { query: TENANT_CONTEXT_QUERY, variables: { hostNames: [site] } },
    domain: domains.site,
    resource: "tenant-context",
  });
  const body = parseJsmPayload(jsmTenantContextsSchema, res.body, "tenant context");
  const context = body.data?.tenantContexts?.find((c) => c?.orgId && c.cloudId);
  if (!context?.orgId || !context.cloudId) {
    const reason = body.errors?.map((e) => e.message).join("; ");
    throw new AppError("remote_error", {
      message: `Atlassian did not tell the organization of ${site}${reason ? `: ${reason}` : "."}`,
    });
  }
  return { cloudId: context.cloudId, orgId: context.orgId };
}

/**
 * Teams API reads (members, descriptions, the `group_id` filter) and the organization id are out of reach of
 * an OAuth (3LO) grant, reference §2.3: AppError `unsupported_operation`.
 */
export function notWithOAuth(): AppError {
  return new AppError("unsupported_operation", {
    message:
      "Atlassian's Teams API cannot be reached with an OAuth (3LO) connection: team members need a connection with an API token.",
  });
}

/** What the account keeps after linking: `cloud_id` and `org_id` (see the definition's `discover`). */
export async function discoverSiteIds(call: ProviderClient): Promise<Record<string, string>> {
  const ids = await siteIdsOf(call);
  return { cloud_id: ids.cloudId, org_id: ids.orgId };
}

/** `/jsm/ops/api/{cloudId}/v1…` on api.atlassian.com. */
export async function opsPath(call: ProviderClient, rest: string): Promise<string> {
  return `/jsm/ops/api/${encodeURIComponent(await cloudIdOf(call))}/v1${rest}`;
}

/** `/gateway/api/public/teams/v1/org/{orgId}…` on the site. */
export async function teamsPath(call: ProviderClient, rest: string): Promise<string> {
  return `/gateway/api/public/teams/v1/org/${encodeURIComponent((await siteIdsOf(call)).orgId)}${rest}`;
}
