import {
  type CredentialCheck,
  type ProviderClient,
  ProviderHttpError,
} from "../../core/provider/contract.ts";
import { domains } from "./domains.ts";

const regionHosts: Record<string, string> = { us: "US (api.opsgenie.com)", eu: "EU (api.eu.opsgenie.com)" };

/**
 * What the key can read decides the outcome (reference §2): the account and the users list need a global
 * API integration without "Restrict access to configurations", or an API Key Management key with Read and
 * Configuration Access. Read-only keys are fine: Roster only reads. A key unknown here but known in the
 * other region gets a hint to pick that region.
 */
export async function checkAccess(
  call: ProviderClient,
  otherRegions: Record<string, ProviderClient>,
): Promise<CredentialCheck> {
  const account = await probe(call, "/v2/account", domains.configuration);
  if (account.status === 422) {
    return invalid(
      "This is not an Opsgenie API key: keys look like xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx.",
      account,
    );
  }
  if (account.status === 401) {
    for (const [region, other] of Object.entries(otherRegions)) {
      // Only a hint: if the other region cannot be asked, the key is simply refused.
      const elsewhere = await probe(other, "/v2/account", domains.configuration).catch(() => undefined);
      if (elsewhere && elsewhere.status !== 401 && elsewhere.status !== 422) {
        return invalid(
          `This key belongs to the Opsgenie ${regionHosts[region] ?? region} instance, not ${regionHosts[call.region] ?? call.region}: choose region ${region.toUpperCase()}.`,
          account,
        );
      }
    }
    return invalid(
      "Opsgenie did not accept this API key: it is unknown, revoked, or its integration is disabled. Copy the key again from Opsgenie.",
      account,
    );
  }
  if (account.status === 403) return forbidden(account);
  if (account.status >= 400) throw new ProviderHttpError(account.status, account.body, account.headers);

  const users = await probe(call, "/v2/users", domains.search, { limit: "1" });
  if (users.status === 403) return forbidden(users);
  if (users.status >= 400) throw new ProviderHttpError(users.status, users.body, users.headers);
  return { ok: true };
}

function forbidden(result: Probe): CredentialCheck {
  const text = messageOf(result.body);
  if (/team api key/i.test(text)) {
    return {
      ok: false,
      code: "insufficient_access",
      message:
        "This is a team API key, which cannot read users, teams or the account. Use the key of a global API integration (Settings → Integrations → API) or an API Key Management key.",
      remote: result,
    };
  }
  return {
    ok: false,
    code: "insufficient_access",
    message:
      "This key cannot read the account's configuration (users, teams, roles). In Opsgenie, edit the API integration and turn off “Restrict access to configurations”, or use an API Key Management key with Read and Configuration Access. Read-only access is enough.",
    remote: result,
  };
}

function invalid(message: string, remote: Probe): CredentialCheck {
  return { ok: false, code: "invalid_credentials", message, remote };
}

type Probe = { status: number; body: unknown; headers: Record<string, string> };

/** A call whose 4xx answers are results, not errors. */
async function probe(
  call: ProviderClient,
  path: string,
  domain: string,
  query?: Record<string, string>,
): Promise<Probe> {
  try {
    return await call.request({ path, query, domain, resource: "credentials-check" });
  } catch (error) {
    if (error instanceof ProviderHttpError && error.status < 500) return error;
    throw error;
  }
}

function messageOf(body: unknown): string {
  return typeof body === "object" &&
    body !== null &&
    typeof (body as { message?: unknown }).message === "string"
    ? (body as { message: string }).message
    : "";
}
