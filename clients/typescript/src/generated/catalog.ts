/**
 * Generated from Roster's error catalog and webhook event types; do not edit.
 * Regenerate with `npm run generate:client`; a test fails while this file differs from a fresh generation.
 */

/** Every `code` Roster's error shape can carry. */
export const ERROR_CODES = [
  "bad_request",
  "invalid_json",
  "invalid_url",
  "validation_failed",
  "invalid_cursor",
  "unsupported_filter",
  "invalid_path",
  "invalid_webhook_target",
  "oauth_state_invalid",
  "unauthorized",
  "forbidden",
  "oauth_binding_mismatch",
  "not_found",
  "route_not_found",
  "method_not_allowed",
  "request_timeout",
  "conflict",
  "sync_run_in_progress",
  "webhook_disabled",
  "invalid_link_token",
  "link_token_expired",
  "link_token_used",
  "payload_too_large",
  "unsupported_media_type",
  "headers_too_large",
  "unknown_integration",
  "invalid_credentials",
  "insufficient_access",
  "needs_reauth",
  "migration_not_supported",
  "unsupported_operation",
  "rate_limited",
  "internal_error",
  "remote_error",
  "list_truncated",
  "provider_unreachable",
  "provider_paging_loop",
  "provider_timeout",
  "service_unavailable",
] as const;

/** Every event type a webhook endpoint can subscribe to. */
export const EVENT_TYPES = [
  "user.created",
  "user.updated",
  "user.deleted",
  "user.migrated",
  "group.created",
  "group.updated",
  "group.deleted",
  "group.migrated",
  "group.member_added",
  "group.member_removed",
  "group.member_updated",
  "role.created",
  "role.updated",
  "role.deleted",
  "role.migrated",
  "license.updated",
  "integrated_account.created",
  "integrated_account.updated",
  "integrated_account.deleted",
  "integrated_account.needs_reauth",
  "integrated_account.migrated",
  "sync_job_run.completed",
  "sync_job_run.failed",
  "webhook.disabled",
] as const;

/** Sent only by `POST /webhook/{id}/test`, to that endpoint, whatever it subscribed to. */
export const TEST_EVENT_TYPE = "webhook.test";
