import type { ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { insertEvents } from "../../src/events/outbox.ts";
import { openStore, type StoreHandle } from "../../src/store/database.ts";
import { tempDir, testDatabases } from "../helpers/databases.ts";
import { type Receiver, startReceiver } from "../webhooks/receiver.ts";
import { startInstance, waitUntil } from "./instances.ts";

/**
 * Scale-out delivery: two Roster processes on one PostgreSQL share one outbox. A burst of 1,000 events is
 * delivered once each (no event lost, none sent twice), signed, and in order per account.
 */
const postgres = testDatabases.find((d) => d.name === "postgres");
if (!postgres) console.warn("TEST_DATABASE_URL is not set: the scale-out webhook burst test is skipped");

const ACCOUNTS = 10;
const EVENTS_PER_ACCOUNT = 100;

describe.skipIf(!postgres)("a webhook burst with two Roster instances", () => {
  const children: ChildProcess[] = [];
  let store: StoreHandle | undefined;
  let receiver: Receiver | undefined;
  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    await store?.close();
    await receiver?.close();
  });

  it("delivers each of 1,000 events exactly once, verified, in order per account", async () => {
    const databaseUrl = await (postgres as NonNullable<typeof postgres>).create();
    const adminToken = `admin-${crypto.randomBytes(12).toString("hex")}`;
    const masterKey = `mk_burst:${crypto.randomBytes(32).toString("base64")}`;
    const env = { ROSTER_ALLOW_PRIVATE_WEBHOOKS: "1", ROSTER_JOBS_POLL_MS: "100" };
    const a = await startInstance({ databaseUrl, masterKey, adminToken, env, children });
    await startInstance({ databaseUrl, masterKey, adminToken, env, children });

    receiver = await startReceiver();
    const created = await a.call("POST", "/webhook", { target_url: receiver.url, event_types: ["*"] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    receiver.secrets.push(created.body.secret);

    store = await openStore(loadConfig({ DATABASE_URL: databaseUrl, ROSTER_DATA_DIR: tempDir() }).database);
    const environment = await store.db
      .selectFrom("environments")
      .select("id")
      .where("name", "=", "default")
      .executeTakeFirstOrThrow();
    // The burst lands in the outbox the way a sync commit writes it: one transaction per account.
    for (let n = 0; n < ACCOUNTS; n++) {
      const account = {
        id: `acc_burst_${n}`,
        environment_id: environment.id,
        tenant_id: "burst",
        integration: "opsgenie",
      };
      const drafts = Array.from({ length: EVENTS_PER_ACCOUNT }, (_, i) => ({
        type: "user.updated",
        record: { id: `user-${i}`, order: i },
      }));
      await store.db.transaction().execute((trx) => insertEvents(trx, account, null, drafts));
    }

    const total = ACCOUNTS * EVENTS_PER_ACCOUNT;
    await waitUntil(
      "every event to be delivered",
      async () => (receiver && receiver.succeeded().size >= total ? true : undefined),
      60_000,
    );
    // A little longer: a duplicate sent by the other instance would arrive now.
    await new Promise((r) => setTimeout(r, 1000));
    const received = receiver.received;
    expect(received.every((r) => r.verified)).toBe(true);
    expect(receiver.succeeded().size).toBe(total);
    expect(received).toHaveLength(total);
    for (let n = 0; n < ACCOUNTS; n++) {
      const order = received
        .filter((r) => r.json.data.integrated_account_id === `acc_burst_${n}`)
        .map((r) => r.json.data.record.order);
      expect(order).toEqual(Array.from({ length: EVENTS_PER_ACCOUNT }, (_, i) => i));
    }
  }, 90_000);
});
