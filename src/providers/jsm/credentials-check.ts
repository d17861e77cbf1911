import {
  type CredentialCheck,
  type ProviderClient,
  ProviderHttpError,
  type ProviderRequestSpec,
  type ProviderResult,
} from "../../core/provider/contract.ts";
import { getPath } from "../../http/get-path.ts";
import { adminAuth } from "./admin-users.ts";
import { cloudIdOf, siteIdsOf } from "./discovery.ts";
import { domains, hosts } from "./domains.ts";

/**
 * The live check, in the order a person would fix things: the site exists (`/_edge/tenant_info`), the
 * e-mail and token are accepted (`/rest/api/3/myself`), the account may use JSM Operations (`/v1/teams`:
 * an agent licence, not a service account) and read seats (`applicationrole`: Administer Jira), and an org
 * admin API key, when given, is accepted. An OAuth account skips the host check (its site is the one the
 * person consented to) and its "e-mail and token" are the grant.
 */
export async function checkAccess(call: ProviderClient): Promise<CredentialCheck> {
  const site = call.setting("site") ?? "the site";
  // An OAuth grant names its site by cloud id (accessible-resources): there is no host to check.
  if (call.authMethod !== "oauth") {
    const tenant = await probe(call, {
      path: "/_edge/tenant_info",
      host: hosts.site,
      domain: domains.site,
      resource: "credentials-check",
    });
    if (tenant.status === 404 || (tenant.status < 300 && typeof getPath(tenant.body, "cloudId") !== "string"))
      return invalid(
        `${site} is not an Atlassian Cloud site: check the host name (e.g. acme.atlassian.net).`,
        tenant,
      );
    if (tenant.status >= 400) throw new ProviderHttpError(tenant.status, tenant.body, tenant.headers);
  }

  const me = await probe(call, {
    path: "/rest/api/3/myself",
    host: hosts.site,
    domain: domains.site,
    resource: "credentials-check",
  });
  if (me.status === 401 || me.status === 403)
    return invalid(
      `Atlassian did not accept this e-mail and API token on ${site}: the token is wrong, expired or revoked, or it is a scoped token (use a classic API token of this e-mail's account).`,
      me,
    );
  if (me.status >= 400) throw new ProviderHttpError(me.status, me.body, me.headers);

  const cloudId = await cloudIdOf(call);
  const teams = await probe(call, {
    path: `/jsm/ops/api/${encodeURIComponent(cloudId)}/v1/teams`,
    host: hosts.api,
    domain: domains.ops,
    resource: "credentials-check",
  });
  if (teams.status === 401)
    return invalid(
      `Atlassian did not accept this e-mail and API token for Jira Service Management Operations.`,
      teams,
    );
  if (teams.status === 403) {
    const reason = String(getPath(teams.body, "errors.0.title") ?? "");
    const message = /service account/i.test(reason)
      ? `This is a service account, and Atlassian does not let service accounts use the Operations APIs (${reason}). Use the e-mail and API token of a person with a JSM agent licence.`
      : `This account may not use Jira Service Management Operations${reason ? ` (${reason})` : ""}: give it a JSM agent licence and the Operations global admin role, or use another account.`;
    return { ok: false, code: "insufficient_access", message, remote: teams };
  }
  if (teams.status >= 400) throw new ProviderHttpError(teams.status, teams.body, teams.headers);

  const seats = await probe(call, {
    path: "/rest/api/3/applicationrole/jira-servicedesk",
    host: hosts.site,
    domain: domains.site,
    resource: "credentials-check",
  });
  if (seats.status === 403 || seats.status === 401)
    return {
      ok: false,
      code: "insufficient_access",
      message:
        "This account may not read Jira Service Management seats: it needs the Administer Jira global permission.",
      remote: seats,
    };
  if (seats.status >= 400) throw new ProviderHttpError(seats.status, seats.body, seats.headers);

  if (call.hasCredential("admin_api_key")) {
    const { orgId } = await siteIdsOf(call);
    const admin = await probe(call, {
      path: `/admin/v1/orgs/${encodeURIComponent(orgId)}/users`,
      host: hosts.api,
      auth: adminAuth,
      domain: domains.admin,
      resource: "credentials-check",
    });
    if (admin.status === 401 || admin.status === 403)
      return invalid(
        "Atlassian did not accept the organization admin API key: it is wrong, expired or of another organization. Create one in admin.atlassian.com → Settings → API keys, or leave it empty.",
        admin,
      );
    if (admin.status >= 400) throw new ProviderHttpError(admin.status, admin.body, admin.headers);
  }
  return { ok: true };
}

function invalid(message: string, remote: ProviderResult): CredentialCheck {
  return { ok: false, code: "invalid_credentials", message, remote };
}

/** One request, its 4xx answers as results, not errors. */
async function probe(call: ProviderClient, spec: ProviderRequestSpec): Promise<ProviderResult> {
  try {
    return await call.request(spec);
  } catch (error) {
    if (error instanceof ProviderHttpError && error.status < 500) return error;
    throw error;
  }
}
