import type { EVENT_TYPES, TEST_EVENT_TYPE } from "./generated/catalog.ts";
import type { components } from "./generated/schema.ts";

type Schemas = components["schemas"];

/** Every event type a webhook endpoint can subscribe to (generated from Roster's list). */
export type EventType = (typeof EVENT_TYPES)[number];

/** What every event's `data` starts with: the integrated account it is about. */
export interface EventAccount {
  integrated_account_id: string;
  tenant_id: string;
  integration: string;
}

/** A person's membership of a group, as membership events carry it. */
export interface Membership {
  group_id: string;
  user_id: string;
  username: string | null;
  role: string | null;
}

/** The run as `sync_job_run.completed|failed` carry it. */
export interface RunRecord {
  id: string;
  sync_job_id: string;
  status: "completed" | "failed";
  stats: { created: number; updated: number; deleted: number; unchanged: number; requests: number } | null;
  error: string | null;
  finished_at: string;
  warnings: Schemas["Warning"][];
}

/** The account as account events carry it: public fields only, never credentials. */
export type AccountRecord = Pick<
  Schemas["IntegratedAccount"],
  "id" | "integration" | "tenant_id" | "region" | "status" | "last_error" | "created_at" | "updated_at"
>;

/** The endpoint that was disabled, as `webhook.disabled` carries it. */
export interface DisabledWebhookRecord {
  id: string;
  target_url: string;
  status: "disabled";
  disabled_reason: string;
  delivery_id: string;
  event_type: string;
}

interface Envelope<Type extends string, Data> {
  type: Type;
  /** When the change was recorded (ISO-8601 UTC). */
  timestamp: string;
  data: Data;
}

type Created<Type extends string, Record> = Envelope<Type, EventAccount & { record: Record }>;
type Updated<Type extends string, Record> = Envelope<
  Type,
  EventAccount & { record: Record; previous: Record; changed_fields: string[] }
>;
type Migrated<Type extends string, Record> = Envelope<
  Type,
  EventAccount & { record: { previous_id: string; id: string; record: Record } }
>;
type MemberEvent<Type extends string> = Envelope<
  Type,
  EventAccount & { record: Membership; group: { id: string; name: string | null } }
>;

/**
 * The body of a webhook delivery, `{ type, timestamp, data }`, narrowed by `type` (API.md "Webhooks").
 * Updates carry the `previous` record and the `changed_fields`; membership events the `group`.
 */
export type RosterEvent =
  | Created<"user.created" | "user.deleted", Schemas["User"]>
  | Updated<"user.updated", Schemas["User"]>
  | Migrated<"user.migrated", Schemas["User"]>
  | Created<"group.created" | "group.deleted", Schemas["Group"]>
  | Updated<"group.updated", Schemas["Group"]>
  | Migrated<"group.migrated", Schemas["Group"]>
  | MemberEvent<"group.member_added" | "group.member_removed">
  | Envelope<
      "group.member_updated",
      EventAccount & {
        record: Membership;
        group: { id: string; name: string | null };
        previous: Membership;
        changed_fields: string[];
      }
    >
  | Created<"role.created" | "role.deleted", Schemas["Role"]>
  | Updated<"role.updated", Schemas["Role"]>
  | Migrated<"role.migrated", Schemas["Role"]>
  | Updated<"license.updated", Schemas["License"]>
  | Created<
      | "integrated_account.created"
      | "integrated_account.updated"
      | "integrated_account.deleted"
      | "integrated_account.needs_reauth"
      | "integrated_account.migrated",
      AccountRecord
    >
  | Created<"sync_job_run.completed" | "sync_job_run.failed", RunRecord>
  | Created<"webhook.disabled", DisabledWebhookRecord>
  | Envelope<typeof TEST_EVENT_TYPE, { webhook_id: string; message: string }>;

/** The event of one type, e.g. `EventOf<"group.member_added">`. */
export type EventOf<Type extends RosterEvent["type"]> = Extract<RosterEvent, { type: Type }>;
