import {
  type CredentialCheck,
  type ProviderClient,
  ProviderHttpError,
  type ProviderResult,
} from "../../core/provider/contract.ts";
import { domains } from "./domains.ts";

const regionHosts: Record<string, string> = { us: "US (api.pagerduty.com)", eu: "EU (api.eu.pagerduty.com)" };

/**
 * Roster reads the user directory, so the key must list users (`GET /users?limit=1`). An account key
 * (read-only is enough) always can; a user key acts as its user, whose role may not (403). A key refused
 * here but accepted in the other service region gets a hint to pick that region.
 */
export async function checkAccess(
  call: ProviderClient,
  otherRegions: Record<string, ProviderClient>,
): Promise<CredentialCheck> {
  const users = await probe(call);
  if (users.status === 401) {
    for (const [region, other] of Object.entries(otherRegions)) {
      // Only a hint: if the other region cannot be asked, the key is simply refused.
      const elsewhere = await probe(other).catch(() => undefined);
      if (elsewhere && elsewhere.status !== 401) {
        return invalid(
          `This key belongs to PagerDuty's ${regionHosts[region] ?? region} service region, not ${regionHosts[call.region] ?? call.region}: choose region ${region.toUpperCase()}.`,
          users,
        );
      }
    }
    return invalid(
      "PagerDuty did not accept this API key: it is unknown or was revoked. Create a new REST API key in PagerDuty (Integrations → API Access Keys) and paste it whole.",
      users,
    );
  }
  if (users.status === 403) {
    return {
      ok: false,
      code: "insufficient_access",
      message:
        "This key may not read users (users.read): PagerDuty answered 403 Access Denied. A user API key acts with its user's role, and this role cannot list the account's users (e.g. Restricted Access). Use a general access REST API key (read-only is enough) or the user key of an Admin, Global Admin or Manager.",
      remote: users,
    };
  }
  if (users.status >= 400) throw new ProviderHttpError(users.status, users.body, users.headers);
  return { ok: true };
}

function invalid(message: string, remote: ProviderResult): CredentialCheck {
  return { ok: false, code: "invalid_credentials", message, remote };
}

/** `GET /users?limit=1`, its 4xx answers as results, not errors. */
async function probe(call: ProviderClient): Promise<ProviderResult> {
  try {
    return await call.request({
      path: "/users",
      query: { limit: "1" },
      domain: domains.rest,
      resource: "credentials-check",
    });
  } catch (error) {
    if (error instanceof ProviderHttpError && error.status < 500) return error;
    throw error;
  }
}
