import type { Logger } from "pino";
import { nowIso } from "../store/ids.ts";
import type {
  ClaimedDelivery,
  DeliveryOutcome,
  WebhookDeliveryRepository,
} from "../store/webhook-deliveries.ts";
import type { WebhookRepository } from "../store/webhooks.ts";
import type { Vault } from "../vault/index.ts";
import type { WebhookOptions } from "./options.ts";
import type { OutcomeRecorder } from "./outcome-recorder.ts";
import { nextDelayMs, parseRetryAfter } from "./retry-schedule.ts";
import type { SendResult, WebhookSender } from "./sender.ts";
import { secretKey, signedHeaders } from "./signature.ts";
import type { WebhookDisabledNotice } from "./webhook-disabled-event.ts";

/**
 * One attempt of one claimed delivery: sign (a fresh timestamp; the old secret too while a rotation
 * overlaps), send, and record the outcome. Any 2xx succeeds. 410 disables the endpoint. Everything else
 * (3xx, 4xx, 5xx, 429, timeouts, connection errors) waits for the next step of the retry schedule, at least
 * as long as Retry-After asks (capped); past the last step the delivery is dead and the endpoint disabled.
 */
export class Deliverer {
  constructor(
    private readonly deps: {
      deliveries: WebhookDeliveryRepository;
      outcomes: OutcomeRecorder;
      webhooks: WebhookRepository;
      vault: Vault;
      sender: WebhookSender;
      options: WebhookOptions;
      onDisabled: (notice: WebhookDisabledNotice) => Promise<void>;
      logger?: Logger;
    },
  ) {}

  /** Returns the outcome recorded, or null when the delivery was no longer ours. */
  async deliver(delivery: ClaimedDelivery): Promise<DeliveryOutcome["status"] | null> {
    const attemptedAt = nowIso();
    const headers = signedHeaders(this.#keys(delivery), delivery.id, delivery.payload);
    const result = await this.deps.sender.send(delivery.target_url, headers, delivery.payload);
    const outcome = this.#outcome(delivery, result);
    const recorded = await this.deps.outcomes.finish(
      delivery,
      {
        attempted_at: attemptedAt,
        status_code: result.statusCode,
        duration_ms: result.durationMs,
        error: result.error?.slice(0, 1000) ?? null,
        response_snippet: result.snippet,
      },
      outcome,
    );
    if (!recorded) return null;
    if (result.statusCode === 410) {
      await this.#disable(delivery, "the endpoint answered 410 Gone");
    } else if (outcome.status === "dead") {
      const attempts = Number(delivery.attempts) + 1;
      await this.#disable(
        delivery,
        `delivery ${delivery.id} failed ${attempts} times (last: ${result.error})`,
      );
    }
    return outcome.status;
  }

  #outcome(delivery: ClaimedDelivery, result: SendResult): DeliveryOutcome {
    const code = result.statusCode;
    if (code !== null && code >= 200 && code < 300) return { status: "succeeded" };
    if (code === 410) return { status: "dead" };
    const { retryScheduleMs, retryAfterCapMs } = this.deps.options;
    const delay = nextDelayMs(
      Number(delivery.schedule_step),
      parseRetryAfter(result.retryAfter),
      retryScheduleMs,
      retryAfterCapMs,
    );
    if (delay === null) return { status: "dead" };
    return { status: "failed", nextAttemptAt: new Date(Date.now() + delay).toISOString() };
  }

  #keys(delivery: ClaimedDelivery): Buffer[] {
    const { vault } = this.deps;
    const keys = [secretKey(vault.openJson<string>(delivery.secret, delivery.webhook_id))];
    const until = delivery.previous_secret_expires_at;
    if (delivery.previous_secret && until && until > nowIso())
      keys.push(secretKey(vault.openJson<string>(delivery.previous_secret, delivery.webhook_id)));
    return keys;
  }

  async #disable(delivery: ClaimedDelivery, reason: string): Promise<void> {
    if (!(await this.deps.webhooks.disable(delivery.webhook_id, reason))) return;
    await this.deps.deliveries.killOpen(delivery.webhook_id);
    this.deps.logger?.warn({ webhook: delivery.webhook_id, reason }, "webhook endpoint disabled");
    await this.deps.onDisabled({ delivery, reason });
  }
}
