import { afterEach, describe, expect, it } from "vitest";
import { testDatabases } from "../../test/helpers/databases.ts";
import { deliveryStore } from "../../test/webhooks/delivery-store.ts";
import type { StoreHandle } from "../store/database.ts";
import type { ClaimedDelivery } from "../store/webhook-deliveries.ts";
import { OutcomeRecorder } from "./outcome-recorder.ts";

const LANES = 12;

describe.each(testDatabases)("attempt outcomes recorded together on $name", (database) => {
  const stores: StoreHandle[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });

  /** One delivery in each of LANES lanes, every lane head claimed by this worker. */
  async function claimedLanes() {
    const { store, deliveries } = await deliveryStore(
      database,
      Array.from({ length: LANES }, () => 1),
    );
    stores.push(store);
    const claimed = await deliveries.claimHeads("worker-a:1", 60_000, LANES);
    expect(claimed).toHaveLength(LANES);
    return { store, deliveries, claimed };
  }

  const attempt = (statusCode: number) => ({
    attempted_at: new Date().toISOString(),
    status_code: statusCode,
    duration_ms: 3,
    error: statusCode === 200 ? null : `HTTP ${statusCode}`,
    response_snippet: statusCode === 200 ? "ok" : null,
  });

  it("records outcomes finished at the same time, each with its attempt in the log", async () => {
    const { store, deliveries, claimed } = await claimedLanes();
    const recorder = new OutcomeRecorder(store);
    const retryAt = new Date(Date.now() + 5000).toISOString();
    const [failing, ...succeeding] = claimed as [ClaimedDelivery, ...ClaimedDelivery[]];
    const results = await Promise.all([
      recorder.finish(failing, attempt(500), { status: "failed", nextAttemptAt: retryAt }),
      ...succeeding.map((d) => recorder.finish(d, attempt(200), { status: "succeeded" })),
    ]);
    expect(results).toEqual(claimed.map(() => true));

    const failed = await deliveries.get(failing.environment_id, failing.id);
    expect(failed).toMatchObject({
      status: "failed",
      attempts: 1,
      schedule_step: 1,
      next_attempt_at: retryAt,
      lease_owner: null,
      lease_expires_at: null,
    });
    for (const d of succeeding) {
      expect(await deliveries.get(d.environment_id, d.id)).toMatchObject({
        status: "succeeded",
        attempts: 1,
        schedule_step: 0,
        lease_owner: null,
      });
    }
    const log = await deliveries.attemptsOf(claimed.map((d) => d.id));
    expect(log).toHaveLength(LANES);
    expect(log.find((a) => a.delivery_id === failing.id)).toMatchObject({
      status_code: 500,
      duration_ms: 3,
      error: "HTTP 500",
    });
  });

  it("leaves out, in the same group, an outcome whose claim another worker took over", async () => {
    const { store, deliveries, claimed } = await claimedLanes();
    // The first outcome is written at once; the others, this one among them, wait and go together.
    const held = claimed.slice(0, -1);
    const lost = claimed.at(-1) as ClaimedDelivery;
    // The lease ran out and another process claimed the delivery: this worker's attempt must not count.
    await store.db
      .updateTable("webhook_deliveries")
      .set({ lease_owner: "worker-b:1" })
      .where("id", "=", lost.id)
      .execute();
    const recorder = new OutcomeRecorder(store);
    const results = await Promise.all(
      claimed.map((d) => recorder.finish(d, attempt(200), { status: "succeeded" })),
    );
    expect(results).toEqual([...held.map(() => true), false]);
    expect(await deliveries.get(lost.environment_id, lost.id)).toMatchObject({
      status: "pending",
      attempts: 0,
      lease_owner: "worker-b:1",
    });
    const log = await deliveries.attemptsOf(claimed.map((d) => d.id));
    expect(log.map((a) => a.delivery_id).sort()).toEqual(held.map((d) => d.id).sort());
  });
});
