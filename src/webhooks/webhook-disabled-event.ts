import { insertEvents } from "../events/outbox.ts";
import type { Db } from "../store/database.ts";
import type { ClaimedDelivery, WebhookDeliveryRepository } from "../store/webhook-deliveries.ts";

export interface WebhookDisabledNotice {
  delivery: ClaimedDelivery;
  reason: string;
}

/**
 * `webhook.disabled` goes through the outbox like every other event, as an event of the account whose
 * delivery gave up, so the environment's other endpoints learn that one of them stopped receiving. A test
 * delivery belongs to no account: its endpoint is disabled the same way, without an event.
 */
export function webhookDisabledEvents(db: Db, deliveries: WebhookDeliveryRepository) {
  return async ({ delivery, reason }: WebhookDisabledNotice): Promise<void> => {
    const account = await deliveries.eventAccount(delivery.event_id);
    if (!account) return;
    await db.transaction().execute((trx) =>
      insertEvents(
        trx,
        {
          id: account.integrated_account_id,
          environment_id: account.environment_id,
          tenant_id: account.tenant_id,
          integration: account.integration,
        },
        null,
        [
          {
            type: "webhook.disabled",
            record: {
              id: delivery.webhook_id,
              target_url: delivery.target_url,
              status: "disabled",
              disabled_reason: reason,
              delivery_id: delivery.id,
              event_type: delivery.type,
            },
          },
        ],
      ),
    );
  };
}
