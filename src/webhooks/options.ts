import { DEFAULT_RETRY_AFTER_CAP_MS, DEFAULT_RETRY_SCHEDULE_MS } from "./retry-schedule.ts";

/** Delivery settings from the operator's environment (defaults for production; tests shorten them). */
export interface WebhookOptions {
  /** How often the worker looks for new outbox rows and due deliveries when nothing woke it. */
  pollMs: number;
  /** Deliveries in flight at once per process. */
  concurrency: number;
  /** A claimed delivery is this worker's for this long (longer than one attempt can take). */
  leaseMs: number;
  timeoutMs: number;
  retryScheduleMs: number[];
  retryAfterCapMs: number;
  /** How long a rotated-out secret keeps signing. */
  rotationOverlapMs: number;
  allowPrivateTargets: boolean;
}

export function webhookOptions(
  env: Readonly<Record<string, string | undefined>>,
  allowPrivateTargets: boolean,
): WebhookOptions {
  const schedule = env.ROSTER_WEBHOOK_RETRY_SCHEDULE_MS?.split(",")
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isFinite(n) && n >= 0);
  return {
    pollMs: positive(env.ROSTER_WEBHOOKS_POLL_MS, 100),
    concurrency: positive(env.ROSTER_WEBHOOKS_CONCURRENCY, 32),
    leaseMs: positive(env.ROSTER_WEBHOOK_LEASE_MS, 60_000),
    timeoutMs: positive(env.ROSTER_WEBHOOK_TIMEOUT_MS, 15_000),
    retryScheduleMs: schedule && schedule.length > 0 ? schedule : DEFAULT_RETRY_SCHEDULE_MS,
    retryAfterCapMs: positive(env.ROSTER_WEBHOOK_RETRY_AFTER_CAP_MS, DEFAULT_RETRY_AFTER_CAP_MS),
    rotationOverlapMs: positive(env.ROSTER_WEBHOOK_ROTATION_OVERLAP_MS, 24 * 3_600_000),
    allowPrivateTargets,
  };
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n > 0 ? n : fallback;
}
