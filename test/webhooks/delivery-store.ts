import { loadConfig } from "../../src/config.ts";
import { openStore, type StoreHandle } from "../../src/store/database.ts";
import { EnvironmentRepository } from "../../src/store/environments.ts";
import { migrateToLatest } from "../../src/store/migrate.ts";
import { WebhookDeliveryRepository } from "../../src/store/webhook-deliveries.ts";
import { WebhookRepository } from "../../src/store/webhooks.ts";
import { type TestDatabase, tempDir } from "../helpers/databases.ts";

/**
 * A migrated store with one active endpoint (`wh_1`) and due deliveries to it: `lanes[n]` events for account
 * `acc_n`, in sequence order. For store-level tests of claiming and recording deliveries.
 */
export async function deliveryStore(database: TestDatabase, lanes: number[]) {
  const config = loadConfig({ DATABASE_URL: await database.create(), ROSTER_DATA_DIR: tempDir() });
  const store: StoreHandle = await openStore(config.database);
  await migrateToLatest(store.db, store.dialect);
  const environment = await new EnvironmentRepository(store.db).ensure("default");
  await new WebhookRepository(store.db).insert({
    id: "wh_1",
    environment_id: environment.id,
    target_url: "https://example.com/hooks",
    event_types: '["*"]',
    secret: "sealed",
    secret_key_id: "mk_1",
    previous_secret: null,
    previous_secret_key_id: null,
    previous_secret_expires_at: null,
    status: "active",
    disabled_reason: null,
  });
  const deliveries = new WebhookDeliveryRepository(store.db);
  const due = new Date(Date.now() - 1000).toISOString();
  let sequence = 0;
  await deliveries.fanOut(
    lanes.flatMap((events, n) =>
      Array.from({ length: events }, (_, i) => {
        sequence += 1;
        return {
          id: `msg_${n}_${i}`,
          webhook_id: "wh_1",
          event_id: `evt_${n}_${i}`,
          environment_id: environment.id,
          integrated_account_id: `acc_${n}`,
          sequence: String(sequence).padStart(6, "0"),
          type: "user.updated",
          next_attempt_at: due,
          created_at: due,
          payload: "{}",
        };
      }),
    ),
    [],
  );
  return { store, deliveries };
}
