/** Table types of signed webhooks (migration 0005). JSON columns are text; timestamps ISO-8601 text. */
export interface WebhookTable {
  id: string;
  environment_id: string;
  target_url: string;
  /** JSON array: ["*"] or event type names. */
  event_types: string;
  /** The `whsec_` secret sealed by the vault (owner = the webhook id). */
  secret: string;
  secret_key_id: string;
  /** After a rotation the old secret still signs (a second signature) until it expires. */
  previous_secret: string | null;
  previous_secret_key_id: string | null;
  previous_secret_expires_at: string | null;
  status: string;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookDeliveryTable {
  /** The `webhook-id` header: one per (webhook, event), stable across retries. */
  id: string;
  webhook_id: string;
  event_id: string;
  environment_id: string;
  /** "" for events that belong to no account (webhook.test). */
  integrated_account_id: string;
  /** The event's outbox sequence: deliveries of one (webhook, account) lane go out in this order. */
  sequence: string;
  type: string;
  /** pending (never tried) | failed (waiting for its next attempt) | succeeded | dead */
  status: string;
  attempts: number;
  /** Automatic failures since it was last (re)queued: the position in the retry schedule. */
  schedule_step: number;
  next_attempt_at: string;
  last_attempt_at: string | null;
  lease_owner: string | null;
  lease_expires_at: string | null;
  created_at: string;
  /** The exact body bytes sent on every attempt (signed as they are). */
  payload: string;
}

export interface WebhookAttemptTable {
  id: string;
  delivery_id: string;
  attempted_at: string;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
  response_snippet: string | null;
}

export interface WebhookTables {
  webhooks: WebhookTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_attempts: WebhookAttemptTable;
}
