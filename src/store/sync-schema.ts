import type { ColumnType } from "kysely";

/** Table types of directory syncs (migration 0004). JSON columns are text; timestamps ISO-8601 text. */
export interface SyncJobTable {
  id: string;
  environment_id: string;
  integrated_account_id: string;
  /** JSON array of unified resource names. */
  resources: string;
  interval_minutes: number | null;
  next_run_at: string | null;
  created_at: string;
}

export interface SyncJobRunTable {
  id: string;
  sync_job_id: string;
  environment_id: string;
  integrated_account_id: string;
  status: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  stats: string;
  progress: string;
  error: string | null;
  lease_owner: string | null;
  lease_expires_at: string | null;
  attempt: number;
  /** JSON array of warnings (migration 0010): what the run left out and why; the database defaults it to "[]". */
  warnings: ColumnType<string, string | undefined, string>;
}

export interface DirectoryRecordTable {
  account_id: string;
  resource: string;
  remote_id: string;
  record: string;
  content_hash: string;
  /** Lower-cased primary e-mail of a user, for the `email` filter of stored reads. */
  email: string | null;
  first_seen_at: string;
  last_seen_at: string;
  deleted_at: string | null;
  updated_at: string;
}

export interface DirectoryMembershipTable {
  account_id: string;
  group_id: string;
  user_id: string;
  role: string | null;
  username: string | null;
  content_hash: string;
  first_seen_at: string;
  last_seen_at: string;
  deleted_at: string | null;
}

/** Page checkpoints of a run (layout of migration 0007). */
export interface SyncRunStagingTable {
  run_id: string;
  resource: string;
  /** Order of staging within the run's resource; a record staged twice counts at its last position. */
  position: number;
  remote_id: string;
  /** Null when the record equals its stored copy, whose content hash is `hash`. */
  record: string | null;
  hash: string;
}

export interface ChangeEventTable {
  id: string;
  sequence: string;
  environment_id: string;
  integrated_account_id: string;
  tenant_id: string;
  integration: string;
  sync_job_run_id: string | null;
  type: string;
  data: string;
  created_at: string;
  delivered_at: string | null;
}

export interface JobTable {
  id: string;
  name: string;
  payload: string;
  key: string | null;
  status: string;
  run_at: string;
  attempts: number;
  max_attempts: number;
  lease_owner: string | null;
  lease_expires_at: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserSearchTable {
  id?: string;
  account_id: string;
  user_id: string;
  environment_id: string;
  tenant_id: string;
  integration: string;
  name: string | null;
  username: string | null;
  email: string | null;
  name_norm: string;
  terms: string;
}

export interface SyncTables {
  sync_jobs: SyncJobTable;
  sync_job_runs: SyncJobRunTable;
  directory_records: DirectoryRecordTable;
  directory_memberships: DirectoryMembershipTable;
  sync_run_staging: SyncRunStagingTable;
  change_events: ChangeEventTable;
  jobs: JobTable;
  user_search: UserSearchTable;
}
