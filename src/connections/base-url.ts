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
