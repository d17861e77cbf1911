import type { components } from "../../../clients/typescript/src/generated/schema.ts";

/**
 * The shapes of Roster's API the dashboard reads, taken from the typed client's schema (generated from
 * /openapi.json by `npm run generate:client`), so a change to the contract is a type error here, not a blank panel.
 */
type Schemas = components["schemas"];

export type Account = Schemas["IntegratedAccount"];
export type SyncRun = Schemas["SyncJobRun"];
export type RunStats = SyncRun["stats"];
export type SyncJob = Schemas["SyncJob"];
export type SeatPoint = Schemas["SeatHistoryPoint"];
export type PersonHit = Schemas["PersonSearchResult"];
export type StoredUser = Schemas["User"];
export type StoredGroup = Schemas["Group"];
export type Webhook = Schemas["Webhook"];
export type Delivery = Schemas["WebhookDelivery"];

/**
 * A change event. The contract leaves `data` open (its members depend on `type`); these are the ones the change
 * feed shows, each present only for the types that carry it.
 */
export type ChangeEvent = Omit<Schemas["ChangeEvent"], "data"> & {
  data: {
    record?: Record<string, unknown>;
    group?: { id: string; name: string | null };
    changed_fields?: string[];
  };
};
