import type { Logger } from "pino";
import { AppError } from "../core/errors.ts";
import { nextSequence } from "../events/event-sequence.ts";
import type { StoreHandle } from "../store/database.ts";
import { newId, nowIso } from "../store/ids.ts";
import type { KeysetPosition } from "../store/keyset.ts";
import { WebhookDeliveryRepository } from "../store/webhook-deliveries.ts";
import type { WebhookAttemptTable, WebhookDeliveryTable } from "../store/webhook-schema.ts";
import { type Webhook, WebhookRepository } from "../store/webhooks.ts";
import type { Vault } from "../vault/index.ts";
import { Deliverer } from "./deliverer.ts";
import { TEST_EVENT_TYPE, unknownEventTypes } from "./event-types.ts";
import { body, deliveryId, FanOut } from "./fan-out.ts";
import type { WebhookOptions } from "./options.ts";
import { OutcomeRecorder } from "./outcome-recorder.ts";
import { WebhookSender } from "./sender.ts";
import { newSecret } from "./signature.ts";
import { checkTarget, type ResolveHost, UnsafeTargetError } from "./target-safety.ts";
import { webhookDisabledEvents } from "./webhook-disabled-event.ts";
import { WebhookWorker } from "./worker.ts";

export interface DeliveryWithAttempts extends WebhookDeliveryTable {
  attempt_log: WebhookAttemptTable[];
}

/** Webhooks as the API sees them, and the delivery worker of this process. */
export class WebhookService {
  readonly webhooks: WebhookRepository;
  readonly deliveries: WebhookDeliveryRepository;
  readonly worker: WebhookWorker;
  readonly #sender: WebhookSender;

  constructor(
    private readonly deps: {
      store: StoreHandle;
      vault: Vault;
      options: WebhookOptions;
      logger?: Logger;
      /** How target host names are resolved, at creation and at connect time (the system's by default). */
      resolveHost?: ResolveHost;
    },
  ) {
    const { store, vault, options, logger } = deps;
    this.webhooks = new WebhookRepository(store.db);
    this.deliveries = new WebhookDeliveryRepository(store.db);
    this.#sender = new WebhookSender({ ...options, resolveHost: deps.resolveHost });
    const deliverer = new Deliverer({
      deliveries: this.deliveries,
      outcomes: new OutcomeRecorder(store),
      webhooks: this.webhooks,
      vault,
      sender: this.#sender,
      options,
      onDisabled: webhookDisabledEvents(store.db, this.deliveries),
      logger,
    });
    this.worker = new WebhookWorker({
      fanOut: new FanOut(this.deliveries, this.webhooks),
      deliverer,
      deliveries: this.deliveries,
      options,
      logger,
    });
  }

  /** Creates an endpoint; the secret is returned here and never again (it is stored sealed). */
  async create(
    environmentId: string,
    input: { target_url: string; event_types: string[] },
  ): Promise<{ webhook: Webhook; secret: string }> {
    const unknown = unknownEventTypes(input.event_types);
    if (unknown.length > 0)
      throw new AppError("validation_failed", {
        message: `Unknown event types: ${unknown.join(", ")}.`,
        details: { unknown },
      });
    const url = await this.#checkTarget(input.target_url);
    const id = newId("wh");
    const secret = newSecret();
    const sealed = this.deps.vault.sealJson(secret, id);
    const webhook = await this.webhooks.insert({
      id,
      environment_id: environmentId,
      target_url: url.toString(),
      event_types: JSON.stringify(input.event_types.includes("*") ? ["*"] : [...new Set(input.event_types)]),
      secret: sealed.sealed,
      secret_key_id: sealed.keyId,
      previous_secret: null,
      previous_secret_key_id: null,
      previous_secret_expires_at: null,
      status: "active",
      disabled_reason: null,
    });
    return { webhook, secret };
  }

  async get(environmentId: string, id: string): Promise<Webhook> {
    const webhook = await this.webhooks.get(environmentId, id);
    if (!webhook) throw new AppError("not_found", { message: "No such webhook." });
    return webhook;
  }

  async delete(environmentId: string, id: string): Promise<void> {
    if (!(await this.webhooks.delete(environmentId, id)))
      throw new AppError("not_found", { message: "No such webhook." });
  }

  /** Queues a `webhook.test` event to this endpoint only (whatever its filter). */
  async test(environmentId: string, id: string): Promise<WebhookDeliveryTable> {
    const webhook = await this.#active(environmentId, id);
    const now = nowIso();
    const eventId = newId("evt");
    const data = JSON.stringify({ webhook_id: webhook.id, message: "This is a test event from Roster." });
    const delivery = {
      id: deliveryId(),
      webhook_id: webhook.id,
      event_id: eventId,
      environment_id: environmentId,
      integrated_account_id: "",
      sequence: nextSequence(),
      type: TEST_EVENT_TYPE,
      next_attempt_at: now,
      created_at: now,
      payload: body({ type: TEST_EVENT_TYPE, created_at: now, data }),
    };
    await this.deliveries.insert(delivery);
    this.worker.wake();
    return (await this.deliveries.get(environmentId, delivery.id)) as WebhookDeliveryTable;
  }

  /** A new secret (shown once); the old one keeps signing beside it until the overlap ends. */
  async rotateSecret(environmentId: string, id: string): Promise<{ webhook: Webhook; secret: string }> {
    await this.get(environmentId, id);
    const current = await this.webhooks.sealedSecret(id);
    if (!current) throw new AppError("not_found", { message: "No such webhook." });
    const secret = newSecret();
    const expiresAt = new Date(Date.now() + this.deps.options.rotationOverlapMs).toISOString();
    await this.webhooks.rotate(id, this.deps.vault.sealJson(secret, id), current, expiresAt);
    return { webhook: await this.get(environmentId, id), secret };
  }

  async listDeliveries(
    environmentId: string,
    webhookId: string,
    page: { limit: number; after?: KeysetPosition },
  ): Promise<DeliveryWithAttempts[]> {
    await this.get(environmentId, webhookId);
    const rows = await this.deliveries.list(webhookId, page);
    const attempts = await this.deliveries.attemptsOf(rows.map((r) => r.id));
    return rows.map((row) => ({ ...row, attempt_log: attempts.filter((a) => a.delivery_id === row.id) }));
  }

  /** Sends a delivery again now, with the whole retry schedule ahead of it. */
  async retry(environmentId: string, deliveryId: string): Promise<WebhookDeliveryTable> {
    const delivery = await this.deliveries.get(environmentId, deliveryId);
    if (!delivery) throw new AppError("not_found", { message: "No such webhook delivery." });
    await this.#active(environmentId, delivery.webhook_id);
    await this.deliveries.requeue(deliveryId);
    this.worker.wake();
    return (await this.deliveries.get(environmentId, deliveryId)) as WebhookDeliveryTable;
  }

  async close(): Promise<void> {
    await this.worker.stop();
    await this.#sender.close();
  }

  async #active(environmentId: string, id: string): Promise<Webhook> {
    const webhook = await this.get(environmentId, id);
    if (webhook.status !== "active")
      throw new AppError("webhook_disabled", {
        message: `This webhook is disabled (${webhook.disabled_reason ?? "no reason recorded"}); create a new one.`,
      });
    return webhook;
  }

  async #checkTarget(target: string): Promise<URL> {
    try {
      return await checkTarget(target, this.deps.options.allowPrivateTargets, this.deps.resolveHost);
    } catch (error) {
      if (error instanceof UnsafeTargetError)
        throw new AppError("invalid_webhook_target", { message: `target_url refused: ${error.message}.` });
      throw error;
    }
  }
}
