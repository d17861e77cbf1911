import type { ColumnType } from "kysely";
import type { SyncTables } from "./sync-schema.ts";
import type { WebhookTables } from "./webhook-schema.ts";

/** Table types. Timestamps are ISO-8601 text and ids are text so both dialects read and write them alike. */
export interface EnvironmentTable {
  id: string;
  name: string;
  created_at: string;
}

export interface ApiTokenTable {
  id: string;
  environment_id: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
}

export interface IntegratedAccountTable {
  id: string;
  environment_id: string;
  integration: string;
  tenant_id: string;
  region: string | null;
  status: string;
  last_error: string | null;
  credentials: string;
  credentials_key_id: string;
  created_at: string;
  updated_at: string;
  /** The integration the account was migrated from (migration 0011); null when never migrated. */
  migrated_from: ColumnType<string | null, string | null | undefined, string | null>;
  /** 1 while the next sync still has to match the new directory to the old one (migration 0011). */
  migration_pending: ColumnType<number, number | undefined, number>;
  /** Non-secret settings the provider discovered at linking, as a JSON object (migration 0012). */
  settings: ColumnType<string, string | undefined, string>;
  /** "key" or "oauth": how the account is connected (migration 0013). */
  auth_method: ColumnType<string, string | undefined, string>;
}

/** Previous id -> id of an account's records after a migration (migration 0011). */
export interface AccountIdMapTable {
  account_id: string;
  resource: string;
  previous_id: string;
  /** Null when the previous record stayed unmatched. */
  id: string | null;
  matched_by: string;
  previous_integration: string;
  created_at: string;
}

export interface RateLimitBucketTable {
  key: string;
  state: string;
  updated_at: string;
}

export interface LinkTokenTable {
  id: string;
  token_hash: string;
  environment_id: string;
  tenant_id: string;
  integration: string | null;
  integrated_account_id: string | null;
  redirect_uri: string | null;
  origin: string | null;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

/** Seats in use and available after each completed sync that read licenses (migration 0015). */
export interface SeatHistoryTable {
  id: string;
  environment_id: string;
  integrated_account_id: string;
  sync_job_run_id: string;
  seats_used: number | null;
  seats_available: number | null;
  /** JSON array of `{ id, name, assigned_quantity, available_quantity }`. */
  licenses: string;
  created_at: string;
}

/** A consent in flight (migration 0013): the hash of its `state`, bound to one link token. */
export interface OAuthStateTable {
  id: string;
  state_hash: string;
  link_token_id: string;
  integration: string;
  /** How the connect page was opened (popup, iframe, redirect): where the callback page sends the result. */
  mode: string;
  /** Roster's callback URL as sent to the provider; the code exchange must repeat it exactly. */
  redirect_uri: string;
  /**
   * SHA-256 hash (hex) of the one-time secret that binds the state to the browser that started the consent
   * (migration 0017); null for states issued before, which cannot be completed.
   */
  binding_hash: string | null;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

/** Who may refresh an OAuth account's tokens until when (migration 0016); never a token. */
export interface OAuthRefreshLeaseTable {
  account_id: string;
  /** Random per claim: only the claim that wrote it releases it. */
  holder: string;
  expires_at: string;
  claimed_at: string;
}

export interface Database extends SyncTables, WebhookTables {
  environments: EnvironmentTable;
  api_tokens: ApiTokenTable;
  integrated_accounts: IntegratedAccountTable;
  rate_limit_buckets: RateLimitBucketTable;
  /** Same shape: one JSON state per pace key (learnt rates instead of bucket levels). */
  rate_limit_learnt: RateLimitBucketTable;
  link_tokens: LinkTokenTable;
  account_id_map: AccountIdMapTable;
  seat_history: SeatHistoryTable;
  oauth_states: OAuthStateTable;
  oauth_refresh_leases: OAuthRefreshLeaseTable;
}
