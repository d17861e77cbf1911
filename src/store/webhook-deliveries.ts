import { sql } from "kysely";
import type { Db } from "./database.ts";
import { nowIso } from "./ids.ts";
import { type KeysetPosition, olderThan } from "./keyset.ts";
import type { ChangeEventTable } from "./sync-schema.ts";
import type { WebhookAttemptTable, WebhookDeliveryTable } from "./webhook-schema.ts";

/** Deliveries that still have an attempt ahead of them. */
const OPEN_STATUSES = ["pending", "failed"] as const;

/**
 * "Still open", written with literals: word for word the predicate of the open-lane partial index (0006), so
 * both planners use it to find lane heads (SQLite only matches a partial index on the same literal terms).
 */
function isOpen(column: "status" | "d.status") {
  return sql<boolean>`${sql.ref(column)} in ('pending', 'failed')`;
}

export type DeliveryRow = WebhookDeliveryTable;

/** A delivery claimed by this worker, with what it needs to send. */
export interface ClaimedDelivery extends DeliveryRow {
  target_url: string;
  lease_owner: string;
  /** The webhook's sealed secrets, opened by the vault right before signing. */
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
}

export type DeliveryOutcome =
  | { status: "succeeded" }
  | { status: "failed"; nextAttemptAt: string }
  | { status: "dead" };

export type AttemptRecord = Omit<WebhookAttemptTable, "id" | "delivery_id">;

export type NewDelivery = Omit<
  DeliveryRow,
  "status" | "attempts" | "schedule_step" | "last_attempt_at" | "lease_owner" | "lease_expires_at"
>;

/**
 * Deliveries and their attempts. Claiming is a conditional UPDATE (open, due, no live lease), so two
 * processes on one database never send the same attempt twice; only the head of each (webhook, account)
 * lane is ever claimable, which keeps one account's events in order per endpoint.
 */
export class WebhookDeliveryRepository {
  constructor(private readonly db: Db) {}

  /** Outbox rows not yet fanned out to webhooks, oldest first. */
  async unfannedEvents(limit: number): Promise<ChangeEventTable[]> {
    return this.db
      .selectFrom("change_events")
      .selectAll()
      .where("delivered_at", "is", null)
      .orderBy("sequence")
      .limit(limit)
      .execute();
  }

  /**
   * Creates the deliveries of a batch of events and marks the events fanned out, in one transaction. A
   * delivery exists at most once per (webhook, event): a second process fanning out the same rows is a no-op.
   */
  async fanOut(deliveries: NewDelivery[], eventIds: string[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < deliveries.length; i += 200) {
        const part = deliveries.slice(i, i + 200).map((d) => ({
          ...d,
          status: "pending",
          attempts: 0,
          schedule_step: 0,
          last_attempt_at: null,
          lease_owner: null,
          lease_expires_at: null,
        }));
        await trx
          .insertInto("webhook_deliveries")
          .values(part)
          .onConflict((oc) => oc.columns(["webhook_id", "event_id"]).doNothing())
          .execute();
      }
      const now = nowIso();
      for (let i = 0; i < eventIds.length; i += 500) {
        await trx
          .updateTable("change_events")
          .set({ delivered_at: now })
          .where("id", "in", eventIds.slice(i, i + 500))
          .where("delivered_at", "is", null)
          .execute();
      }
    });
  }

  /** Claims up to `limit` due lane heads of active webhooks for `token`. */
  async claimHeads(token: string, leaseMs: number, limit: number): Promise<ClaimedDelivery[]> {
    const now = nowIso();
    const heads = this.db
      .selectFrom("webhook_deliveries")
      .select(["webhook_id", "integrated_account_id", (eb) => eb.fn.min("sequence").as("head")])
      .where(isOpen("status"))
      .groupBy(["webhook_id", "integrated_account_id"])
      .as("h");
    const candidates = await this.db
      .selectFrom("webhook_deliveries as d")
      .innerJoin(heads, (join) =>
        join
          .onRef("h.webhook_id", "=", "d.webhook_id")
          .onRef("h.integrated_account_id", "=", "d.integrated_account_id")
          .onRef("h.head", "=", "d.sequence"),
      )
      .innerJoin("webhooks as w", "w.id", "d.webhook_id")
      .select("d.id")
      .where(isOpen("d.status"))
      .where("d.next_attempt_at", "<=", now)
      .where((eb) => eb.or([eb("d.lease_expires_at", "is", null), eb("d.lease_expires_at", "<", now)]))
      .where("w.status", "=", "active")
      .orderBy("d.next_attempt_at")
      .limit(limit)
      .execute();
    if (candidates.length === 0) return [];
    return this.#claim(
      token,
      leaseMs,
      candidates.map((c) => c.id),
      now,
    );
  }

  /**
   * The next deliveries of a lane, as long as they are due and free: a worker that holds a lane drains it in
   * batches and sends them one after another, in order. Sequence order, from the head on, or from just after
   * `after`: the last delivery of a batch the caller still holds (so it claims the next batch while that one
   * goes out; everything open up to `after` is its own, so the run still continues the lane).
   */
  async claimLane(
    lane: { webhook_id: string; integrated_account_id: string },
    token: string,
    leaseMs: number,
    limit: number,
    after?: string,
  ): Promise<ClaimedDelivery[]> {
    const now = nowIso();
    let query = this.db
      .selectFrom("webhook_deliveries")
      .select(["id", "next_attempt_at", "lease_expires_at"])
      .where("webhook_id", "=", lane.webhook_id)
      .where("integrated_account_id", "=", lane.integrated_account_id)
      .where(isOpen("status"));
    if (after !== undefined) query = query.where("sequence", ">", after);
    const next = await query.orderBy("sequence").limit(limit).execute();
    const ready: string[] = [];
    for (const row of next) {
      if (row.next_attempt_at > now || (row.lease_expires_at !== null && row.lease_expires_at >= now)) break;
      ready.push(row.id);
    }
    if (ready.length === 0) return [];
    const claimed = await this.#claim(token, leaseMs, ready, now);
    // Only an unbroken run keeps the order: anything after a gap is handed back.
    const prefix = claimed.filter((row, i) => row.id === ready[i]);
    if (prefix.length < claimed.length) await this.release(claimed.slice(prefix.length));
    return prefix;
  }

  /** Hands claimed deliveries back untouched (their lane stopped before reaching them). */
  async release(deliveries: ClaimedDelivery[]): Promise<void> {
    // One statement per claim token (a batch shares one).
    const byOwner = new Map<string, string[]>();
    for (const d of deliveries) byOwner.set(d.lease_owner, [...(byOwner.get(d.lease_owner) ?? []), d.id]);
    for (const [owner, ids] of byOwner) {
      await this.db
        .updateTable("webhook_deliveries")
        .set({ lease_owner: null, lease_expires_at: null })
        .where("id", "in", ids)
        .where("lease_owner", "=", owner)
        .execute();
    }
  }

  async #claim(token: string, leaseMs: number, ids: string[], now: string): Promise<ClaimedDelivery[]> {
    await this.db
      .updateTable("webhook_deliveries")
      .set({ lease_owner: token, lease_expires_at: new Date(Date.now() + leaseMs).toISOString() })
      .where("id", "in", ids)
      .where("status", "in", OPEN_STATUSES)
      .where((eb) => eb.or([eb("lease_expires_at", "is", null), eb("lease_expires_at", "<", now)]))
      .execute();
    const rows = await this.db
      .selectFrom("webhook_deliveries as d")
      .innerJoin("webhooks as w", "w.id", "d.webhook_id")
      .selectAll("d")
      .select(["w.target_url", "w.secret", "w.previous_secret", "w.previous_secret_expires_at"])
      .where("d.id", "in", ids)
      .where("d.lease_owner", "=", token)
      .where("w.status", "=", "active")
      .orderBy("d.sequence")
      .execute();
    return rows as ClaimedDelivery[];
  }

  /** A disabled endpoint gets nothing more: its open deliveries are dead. */
  async killOpen(webhookId: string): Promise<void> {
    await this.db
      .updateTable("webhook_deliveries")
      .set({ status: "dead", lease_owner: null, lease_expires_at: null })
      .where("webhook_id", "=", webhookId)
      .where(isOpen("status"))
      .execute();
  }

  async insert(delivery: NewDelivery): Promise<void> {
    await this.fanOut([delivery], []);
  }

  async get(environmentId: string, id: string): Promise<DeliveryRow | undefined> {
    return this.db
      .selectFrom("webhook_deliveries")
      .selectAll()
      .where("environment_id", "=", environmentId)
      .where("id", "=", id)
      .executeTakeFirst();
  }

  /** A manual retry: the delivery is open again, due now, with the whole retry schedule ahead of it. */
  async requeue(id: string): Promise<void> {
    const now = nowIso();
    await this.db
      .updateTable("webhook_deliveries")
      .set({
        status: "pending",
        schedule_step: 0,
        next_attempt_at: now,
        lease_owner: null,
        lease_expires_at: null,
      })
      .where("id", "=", id)
      // An attempt in flight is left alone: it records its own outcome.
      .where((eb) =>
        eb.or([
          eb("status", "not in", OPEN_STATUSES),
          eb("lease_expires_at", "is", null),
          eb("lease_expires_at", "<", now),
        ]),
      )
      .execute();
  }

  async list(webhookId: string, page: { limit: number; after?: KeysetPosition }): Promise<DeliveryRow[]> {
    let query = this.db.selectFrom("webhook_deliveries").selectAll().where("webhook_id", "=", webhookId);
    if (page.after) query = query.where(olderThan(page.after));
    return query.orderBy("created_at", "desc").orderBy("id", "desc").limit(page.limit).execute();
  }

  async attemptsOf(deliveryIds: string[]): Promise<WebhookAttemptTable[]> {
    if (deliveryIds.length === 0) return [];
    return this.db
      .selectFrom("webhook_attempts")
      .selectAll()
      .where("delivery_id", "in", deliveryIds)
      .orderBy("attempted_at")
      .orderBy("id")
      .execute();
  }

  /** The account context of an event (tenant, integration), for account-level events about a delivery. */
  async eventAccount(eventId: string) {
    return this.db
      .selectFrom("change_events")
      .select(["environment_id", "integrated_account_id", "tenant_id", "integration"])
      .where("id", "=", eventId)
      .executeTakeFirst();
  }
}
