import { afterEach, describe, expect, it } from "vitest";
import { testDatabases } from "../../test/helpers/databases.ts";
import { deliveryStore } from "../../test/webhooks/delivery-store.ts";
import type { StoreHandle } from "./database.ts";

describe.each(testDatabases)("claiming a lane's deliveries on $name", (database) => {
  const stores: StoreHandle[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });

  it("claims the next batch after the one a worker holds, in order, and nothing for anyone else", async () => {
    const { store, deliveries } = await deliveryStore(database, [5]);
    stores.push(store);
    const lane = { webhook_id: "wh_1", integrated_account_id: "acc_0" };
    const [head] = await deliveries.claimHeads("worker-a:1", 60_000, 10);
    expect(head?.id).toBe("msg_0_0");
    // From the head on, the lane is taken: another worker finds nothing to claim.
    expect(await deliveries.claimLane(lane, "worker-b:1", 60_000, 10)).toEqual([]);
    // The holder claims ahead, right after what it holds.
    const ahead = await deliveries.claimLane(lane, "worker-a:2", 60_000, 3, head?.sequence);
    expect(ahead.map((d) => d.id)).toEqual(["msg_0_1", "msg_0_2", "msg_0_3"]);
    expect(ahead.every((d) => d.lease_owner === "worker-a:2" && d.target_url !== undefined)).toBe(true);
  });

  it("hands a claimed batch back in one go", async () => {
    const { store, deliveries } = await deliveryStore(database, [3]);
    stores.push(store);
    const lane = { webhook_id: "wh_1", integrated_account_id: "acc_0" };
    const batch = await deliveries.claimLane(lane, "worker-a:1", 60_000, 10);
    expect(batch).toHaveLength(3);
    await deliveries.release(batch.slice(1));
    const again = await deliveries.claimLane(lane, "worker-b:1", 60_000, 10, batch[0]?.sequence);
    expect(again.map((d) => d.id)).toEqual(["msg_0_1", "msg_0_2"]);
  });
});
