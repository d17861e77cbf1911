/**
 * @roster/client: a typed client of Roster's HTTP API, generated from its OpenAPI document (openapi-typescript
 * + openapi-fetch), with page iteration, errors as RosterError values carrying Roster's `code`, and webhook
 * verification on the Standard Webhooks reference implementation.
 */
export { createRosterClient, type RosterClient, type RosterClientOptions } from "./client.ts";
export {
  type ErrorBody,
  isRosterError,
  RosterError,
  type RosterErrorCode,
  UNEXPECTED_RESPONSE,
  unwrap,
} from "./errors.ts";
export type {
  AccountRecord,
  DisabledWebhookRecord,
  EventAccount,
  EventOf,
  EventType,
  Membership,
  RosterEvent,
  RunRecord,
} from "./events.ts";
export { ERROR_CODES, EVENT_TYPES, TEST_EVENT_TYPE } from "./generated/catalog.ts";
export type { components, operations, paths } from "./generated/schema.ts";
export type { IterateArgs, IterateOptions, ListItem, ListPath } from "./pagination.ts";
export { verifyWebhook, type WebhookHeaders, WebhookVerificationError } from "./webhooks.ts";

import type { components } from "./generated/schema.ts";

/** The unified records, as Roster serves them. */
export type User = components["schemas"]["User"];
export type Group = components["schemas"]["Group"];
export type Role = components["schemas"]["Role"];
export type License = components["schemas"]["License"];
export type Organization = components["schemas"]["Organization"];
export type IntegratedAccount = components["schemas"]["IntegratedAccount"];
export type Webhook = components["schemas"]["Webhook"];
export type SyncJob = components["schemas"]["SyncJob"];
export type SyncJobRun = components["schemas"]["SyncJobRun"];
