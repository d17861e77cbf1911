import type { ProviderDefinition } from "../core/provider/contract.ts";
import { jsm } from "./jsm/index.ts";
import { opsgenie } from "./opsgenie/index.ts";
import { pagerduty } from "./pagerduty/index.ts";

/** The explicit registry of providers. Adding a provider is one line here plus its folder. */
export const providers: readonly ProviderDefinition[] = [opsgenie, pagerduty, jsm];

export function findProvider(name: string): ProviderDefinition | undefined {
  return providers.find((p) => p.name === name);
}
