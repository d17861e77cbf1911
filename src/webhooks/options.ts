/**
 * Delivery settings. config.ts reads them from the operator's environment (`ROSTER_WEBHOOK*`, with production
 * defaults) and refuses bad values at start-up; tests shorten them.
 */
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
