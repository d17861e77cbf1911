import { AppError } from "../core/errors.ts";
import type { ProviderDefinition } from "../core/provider/contract.ts";
import { findProvider } from "../providers/index.ts";

export interface ParsedCredentials {
  provider: ProviderDefinition;
  credentials: Record<string, string>;
  region: string;
}

/** Resolves the integration and checks the credential fields against its schema (before any provider call). */
export function parseCredentials(
  integration: string,
  context: Record<string, string>,
  currentRegion?: string | null,
): ParsedCredentials {
  const provider = findProvider(integration);
  if (!provider) {
    throw new AppError("unknown_integration", {
      message: `No integration named "${integration}". See GET /integration.`,
    });
  }
  const parsed = provider.credentials.schema.safeParse(context);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: `context.${i.path.join(".")}`,
      message: i.message,
    }));
    throw new AppError("validation_failed", {
      message: issues[0] ? `${issues[0].path}: ${issues[0].message}` : "Invalid credentials",
      details: { issues },
    });
  }
  const regions = Object.keys(provider.regions);
  // A reconnect without a region keeps the account's region.
  const region = parsed.data.region ?? currentRegion ?? regions[0] ?? "default";
  if (!regions.includes(region)) {
    throw new AppError("validation_failed", {
      message: `context.region must be one of ${regions.join(", ")}`,
    });
  }
  return { provider, credentials: { ...parsed.data, region }, region };
}
