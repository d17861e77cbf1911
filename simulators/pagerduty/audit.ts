/**
 * The account's audit trail (reference §1.8): every change to users and teams, whether made through the API
 * or seeded through the control surface (as if in the web UI), is one record. `/audit/records` serves them
 * newest first with cursor paging.
 */
import type { Json } from "../kit/reply.ts";

/** Who made a change, as audit records name them. */
export interface Actor {
  /** A `user_reference` (user keys, the web UI) or an `api_key_reference` (account keys). */
  ref: { id: string; type: "user_reference" | "api_key_reference"; summary: string };
  /** How: `api_token` with the key's last 4 characters, or `browser`. */
  method: { type: "api_token" | "browser"; truncated_token?: string };
}

/** The root resource types a record can have (`root_resource_types[]`). */
export type AuditRootType = "users" | "teams";
/** The actions a record can have (`actions[]`). */
export type AuditAction = "create" | "update" | "delete";

/** One stored record: the wire JSON plus what filters read. */
export interface AuditEntry {
  /** Position in the log, from 1; cursors point at it. */
  seq: number;
  rootType: AuditRootType;
  action: AuditAction;
  /** Milliseconds since the epoch of `execution_time`. */
  at: number;
  json: Json;
}

/** What a change is about: a `user_reference` or `team_reference`. */
export interface ResourceRef {
  id: string;
  type: "user_reference" | "team_reference";
  summary: string;
}

/** A field that changed: its API name and the values after and before (strings, or null). */
export interface FieldChange {
  name: string;
  value: string | null;
  before_value?: string | null;
}

/** An append-only log of changes. */
export class AuditLog {
  readonly entries: AuditEntry[] = [];

  constructor(private readonly nextId: () => string) {}

  /**
   * Records `action` on `root` by `actor`; `fields` are the changed fields, `references` added/removed links
   * (e.g. team members). Execution time is now.
   */
  add(
    actor: Actor,
    action: AuditAction,
    root: ResourceRef,
    details: { resource?: ResourceRef; fields?: FieldChange[]; references?: Json[] } = {},
  ): void {
    const at = Date.now();
    const json: Json = {
      id: this.nextId(),
      execution_time: new Date(at).toISOString(),
      execution_context: { request_id: null, remote_address: null },
      actors: [actor.ref],
      method: actor.method,
      root_resource: root,
      action,
      details: {
        resource: details.resource ?? root,
        ...(details.fields ? { fields: details.fields } : {}),
        ...(details.references ? { references: details.references } : {}),
      },
    };
    this.entries.push({
      seq: this.entries.length + 1,
      rootType: root.type === "user_reference" ? "users" : "teams",
      action,
      at,
      json,
    });
  }
}
