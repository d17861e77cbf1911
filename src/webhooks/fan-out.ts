import { newId, nowIso } from "../store/ids.ts";
import type { ChangeEventTable } from "../store/sync-schema.ts";
import type { NewDelivery, WebhookDeliveryRepository } from "../store/webhook-deliveries.ts";
import type { Webhook, WebhookRepository } from "../store/webhooks.ts";
import { subscribes } from "./event-types.ts";

const BATCH = 500;

/**
 * Turns new outbox rows into deliveries: one per active webhook of the event's environment whose filter
 * matches. The outbox row's `delivered_at` means "handed over to the webhook deliveries" (fanned out), not
 * "received by a subscriber": that is each delivery's own status. Idempotent: a (webhook, event) pair gets
 * one delivery however many processes fan out the same rows.
 */
export class FanOut {
  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly webhooks: WebhookRepository,
  ) {}

  /** Fans out one batch; returns how many events it took (a full batch means there may be more). */
  async once(): Promise<number> {
    const events = await this.deliveries.unfannedEvents(BATCH);
    if (events.length === 0) return 0;
    const byEnvironment = new Map<string, Webhook[]>();
    const created: NewDelivery[] = [];
    const now = nowIso();
    for (const event of events) {
      let hooks = byEnvironment.get(event.environment_id);
      if (!hooks) {
        hooks = await this.webhooks.active(event.environment_id);
        byEnvironment.set(event.environment_id, hooks);
      }
      const matching = hooks.filter((h) => subscribes(h.event_types, event.type));
      if (matching.length === 0) continue;
      const payload = body(event);
      for (const hook of matching) {
        created.push({
          id: deliveryId(),
          webhook_id: hook.id,
          event_id: event.id,
          environment_id: event.environment_id,
          integrated_account_id: event.integrated_account_id,
          sequence: event.sequence,
          type: event.type,
          next_attempt_at: now,
          created_at: now,
          payload,
        });
      }
    }
    await this.deliveries.fanOut(
      created,
      events.map((e) => e.id),
    );
    return events.length;
  }
}

/**
 * The body, serialised once and stored: every attempt sends (and signs) exactly these bytes. `data` is
 * already JSON text in the outbox, so it is spliced in as it is.
 */
export function body(event: Pick<ChangeEventTable, "type" | "created_at" | "data">): string {
  return `{"type":${JSON.stringify(event.type)},"timestamp":${JSON.stringify(event.created_at)},"data":${event.data}}`;
}

export function deliveryId(): string {
  // Standard Webhooks calls the message id `msg_...`; it is the `webhook-id` header.
  return newId("msg");
}
