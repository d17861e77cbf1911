import { AppError } from "../core/errors.ts";
import { ownValue } from "../core/own-key.ts";
import type { ProviderDefinition } from "../core/provider/contract.ts";

/**
 * The base URL of a provider region. Only the operator may override it, with `<PROVIDER>_<REGION>_BASE_URL`
 * (the demo, tests and benchmarks point it at a simulator); nothing an API caller sends can change it.
 */
export function baseUrlFor(
  provider: ProviderDefinition,
  region: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const configured = ownValue(provider.regions, region);
  if (!configured)
    throw new AppError("validation_failed", { message: `Unknown region ${region} for ${provider.label}` });
  const override = env[`${provider.name.toUpperCase()}_${region.toUpperCase()}_BASE_URL`];
  return (override && override.trim() !== "" ? override : configured.baseUrl).replace(/\/+$/, "");
}

/**
 * The URL of one of a provider's further hosts (`ProviderDefinition.hosts`), e.g. a customer's site built from
 * its validated credentials. Only the operator's `override` variable replaces it. Throws AppError
 * `unsupported_operation` for a host the provider does not declare (a provider bug, never caller input).
 */
export function hostUrlFor(
  provider: ProviderDefinition,
  host: string,
  credentials: Readonly<Record<string, string>>,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const declared = provider.hosts && Object.hasOwn(provider.hosts, host) ? provider.hosts[host] : undefined;
  if (!declared)
    throw new AppError("unsupported_operation", { message: `${provider.label} has no host ${host}.` });
  const override = env[declared.override];
  const url =
    override && override.trim() !== ""
      ? override
      : typeof declared.url === "string"
        ? declared.url
        : declared.url(credentials);
  return url.replace(/\/+$/, "");
}
