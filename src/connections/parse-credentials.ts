import { AppError } from "../core/errors.ts";
import type { ProviderDefinition } from "../core/provider/contract.ts";
import { findProvider } from "../providers/index.ts";
import { type CredentialIssue, unsafeCredentialValues } from "./credential-values.ts";

export interface ParsedCredentials {
  provider: ProviderDefinition;
  credentials: Record<string, string>;
  region: string;
}

/**
 * Resolves the integration and checks the credential fields before any provider call: every value must be
 * sendable (no control characters; Latin-1 where it goes into a header), then match the provider's schema.
 * Throws AppError `unknown_integration` (422) or `validation_failed` (400, `details.issues` name each
 * `context.<field>`).
 */
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
  // Raw values first: a provider schema that trims would otherwise hide a trailing line break.
  const unsafe = unsafeCredentialValues(provider, context);
  if (unsafe.length > 0) throw invalidCredentials(unsafe);
  const parsed = provider.credentials.schema.safeParse(context);
  if (!parsed.success) {
    throw invalidCredentials(
      parsed.error.issues.flatMap((issue) =>
        // An unknown field is reported on the object, with the field's name in `keys`: name the field itself.
        issue.code === "unrecognized_keys"
          ? issue.keys.map((key) => ({
              path: ["context", ...issue.path.map(String), key].join("."),
              message: `is not a field of this integration's credentials`,
            }))
          : [{ path: ["context", ...issue.path.map(String)].join("."), message: issue.message }],
      ),
    );
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

function invalidCredentials(issues: CredentialIssue[]): AppError {
  const first = issues[0];
  return new AppError("validation_failed", {
    message: first ? `${first.path}: ${first.message}` : "Invalid credentials",
    details: { issues },
  });
}
