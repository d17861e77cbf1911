import { AppError } from "../core/errors.ts";
import { type ProviderDefinition, ProviderHttpError } from "../core/provider/contract.ts";
import type { Sessions } from "./sessions.ts";

/**
 * Live validation before credentials are saved: the provider decides what the key can read. Refusals are
 * 422 with a message a person can act on; an unreachable or failing provider is 502 provider_unreachable.
 * Returns what the provider discovers about the account once its access is confirmed (`discover`: non-secret
 * ids its APIs need), to be stored with the account; `{}` when it discovers nothing.
 */
export async function verifyCredentials(
  sessions: Sessions,
  provider: ProviderDefinition,
  accountId: string,
  region: string,
  credentials: Record<string, string>,
): Promise<Record<string, string>> {
  const call = sessions.clientWith(provider, accountId, region, credentials);
  const otherRegions = Object.fromEntries(
    Object.keys(provider.regions)
      .filter((r) => r !== region)
      .map((r) => [r, sessions.clientWith(provider, accountId, r, credentials)]),
  );
  let check: Awaited<ReturnType<ProviderDefinition["checkAccess"]>>;
  let settings: Record<string, string> = {};
  try {
    check = await provider.checkAccess(call, otherRegions);
    if (check.ok) settings = (await provider.discover?.(call)) ?? {};
  } catch (error) {
    if (error instanceof ProviderHttpError) {
      throw new AppError("provider_unreachable", {
        message: `${provider.label} failed while checking the credentials (${error.status}). Try again later.`,
        remote: { status: error.status, body: error.body },
      });
    }
    throw error;
  }
  if (!check.ok) {
    throw new AppError(check.code, {
      message: check.message,
      remote: check.remote ? { status: check.remote.status, body: check.remote.body } : undefined,
    });
  }
  return settings;
}
