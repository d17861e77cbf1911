import { describe, expect, it, vi } from "vitest";
import { loadConfig } from "../config.ts";
import type { ClaimedDelivery, WebhookDeliveryRepository } from "../store/webhook-deliveries.ts";
import type { Deliverer } from "./deliverer.ts";
import type { FanOut } from "./fan-out.ts";
import { WebhookWorker } from "./worker.ts";

function claimed(id: string, leaseLeftMs: number): ClaimedDelivery {
  return {
    id,
    webhook_id: "wh_1",
    integrated_account_id: "acc_1",
    lease_owner: "w:1",
    lease_expires_at: new Date(Date.now() + leaseLeftMs).toISOString(),
  } as ClaimedDelivery;
}

/** A worker on fakes: claimHeads hands out `heads` once, claimLane `lane` once; sends succeed but `failing`. */
function workerWith(heads: ClaimedDelivery[], lane: ClaimedDelivery[], failing = "") {
  const sent: string[] = [];
  const released: string[] = [];
  const once = (batch: ClaimedDelivery[]) => async () => batch.splice(0);
  const deliveries = {
    claimHeads: once(heads),
    claimLane: once(lane),
    release: async (ds: ClaimedDelivery[]) => {
      released.push(...ds.map((d) => d.id));
    },
  } as unknown as WebhookDeliveryRepository;
  const deliverer = {
    deliver: async (d: ClaimedDelivery) => {
      sent.push(d.id);
      return d.id === failing ? "failed" : "succeeded";
    },
  } as unknown as Deliverer;
  const worker = new WebhookWorker({
    fanOut: { once: async () => 0 } as unknown as FanOut,
    deliverer,
    deliveries,
    // 60 s leases, 15 s attempt timeout (the defaults of an empty environment).
    options: loadConfig({}).webhooks,
  });
  return { worker, sent, released };
}

describe("the webhook worker's leases", () => {
  it("sends a lane's claimed deliveries while each lease outlasts an attempt, and hands back the rest", async () => {
    const { worker, sent, released } = workerWith(
      [claimed("msg_1", 60_000)],
      [claimed("msg_2", 59_000), claimed("msg_3", 14_000), claimed("msg_4", 59_000)],
    );
    worker.start();
    await vi.waitFor(() => expect(released).toEqual(["msg_3", "msg_4"]));
    await worker.stop();
    expect(sent).toEqual(["msg_1", "msg_2"]);
  });

  it("hands back the batch it claimed ahead when the lane stops at a failure", async () => {
    const { worker, sent, released } = workerWith(
      [claimed("msg_1", 60_000)],
      [claimed("msg_2", 60_000), claimed("msg_3", 60_000)],
      "msg_1",
    );
    worker.start();
    await vi.waitFor(() => expect(released).toEqual(["msg_2", "msg_3"]));
    await worker.stop();
    expect(sent).toEqual(["msg_1"]);
  });
});
