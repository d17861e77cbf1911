/** The shapes of Roster's API the dashboard reads (see /openapi.json for the full contract). */

export interface Account {
  id: string;
  integration: string;
  tenant_id: string;
  region: string | null;
  status: "active" | "needs_reauth" | "validation_error";
  last_error: string | null;
  created_at: string;
}

export interface RunStats {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  requests: number;
}

export interface SyncRun {
  id: string;
  sync_job_id: string;
  integrated_account_id: string;
  status: "queued" | "running" | "completed" | "failed";
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  stats: RunStats;
  progress: {
    done: string[];
    resource: string | null;
    pages: number;
    records: number;
    requests: number;
    waits: number;
    wait_ms: number;
  };
  error: string | null;
  warnings: { code: string; message: string }[];
}

export interface SyncJob {
  id: string;
  integrated_account_id: string;
}

export interface SeatPoint {
  id: string;
  sync_job_run_id: string;
  seats_used: number | null;
  seats_available: number | null;
  licenses: {
    id: string;
    name: string;
    assigned_quantity: number | null;
    available_quantity: number | null;
  }[];
  created_at: string;
}

export interface PersonHit {
  id: string;
  name: string | null;
  username: string | null;
  email: string | null;
  integrated_account_id: string;
  integration: string;
  tenant_id: string;
}

export interface StoredUser {
  id: string;
  name?: string | null;
  username?: string | null;
  emails?: { email: string }[];
  status?: string | null;
  roles?: { id: string; name: string | null }[];
  groups?: { id: string; name: string | null }[];
}

export interface StoredGroup {
  id: string;
  name: string | null;
  members?: { id: string; role?: string | null }[];
}

export interface ChangeEvent {
  id: string;
  type: string;
  integrated_account_id: string;
  tenant_id: string;
  integration: string;
  data: {
    record?: Record<string, unknown>;
    group?: { id: string; name: string | null };
    changed_fields?: string[];
  };
  created_at: string;
}

export interface Webhook {
  id: string;
  target_url: string;
  event_types: string[];
  status: "active" | "disabled";
  disabled_reason: string | null;
  created_at: string;
}

export interface Delivery {
  id: string;
  event_id: string;
  type: string;
  status: "pending" | "failed" | "succeeded" | "dead";
  attempt_count: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  created_at: string;
  attempts?: {
    attempted_at: string;
    status_code: number | null;
    duration_ms: number;
    error: string | null;
  }[];
}
