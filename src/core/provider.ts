import type { z } from "zod";

/**
 * The provider contract. A provider is one folder under src/providers/<name>/ that exports a definition
 * satisfying this interface; nothing outside that folder knows a provider's name.
 */
export interface CredentialField {
  name: string;
  label: string;
  type: "password" | "text" | "select";
  required: boolean;
  options?: string[];
  help?: string;
}

export interface ProviderSummary {
  name: string;
  label: string;
  category: string;
  credentials: { fields: CredentialField[] };
  regions: string[];
  unified: Record<string, string[]>;
  proxy: string[];
}

export interface ProviderDefinition {
  name: string;
  label: string;
  category: string;
  /** Base URL per region; the first region is the default. Operators override with <NAME>_<REGION>_BASE_URL. */
  regions: Record<string, { baseUrl: string }>;
  credentials: { fields: CredentialField[]; schema: z.ZodType<Record<string, string>> };
  unified: Record<string, string[]>;
  proxy: Record<string, unknown>;
}

export function summarize(definition: ProviderDefinition): ProviderSummary {
  return {
    name: definition.name,
    label: definition.label,
    category: definition.category,
    credentials: { fields: definition.credentials.fields },
    regions: Object.keys(definition.regions),
    unified: definition.unified,
    proxy: Object.keys(definition.proxy),
  };
}
