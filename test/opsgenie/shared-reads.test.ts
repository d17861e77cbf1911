import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EnvironmentRepository } from "../../src/store/environments.ts";
import { testDatabases } from "../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../helpers/opsgenie-world.ts";

const users = "/unified/user-directory/users";

/** Identical live reads in flight at the same time share one provider call; nothing else is shared. */
describe.each(testDatabases)("shared live reads on $name", (database) => {
  let world: OpsgenieWorld;
  let account: string;
  beforeAll(async () => {
    world = await startOpsgenieWorld({ databaseUrl: await database.create(), us: { users: 60, teams: 3 } });
    account = await world.link(world.us.apiKeys.full);
    // Warm the account's learnt limits so only the reads under test reach the simulator.
    await world.get(`${users}?integrated_account_id=${account}&limit=1`);
  });
  afterAll(() => world.close());

  /** Runs `fn` while the simulator answers every request after 300 ms, so concurrent requests overlap. */
  async function whileSlow<T>(fn: () => Promise<T>): Promise<{ result: T; userPages: number }> {
    world.us.resetStats();
    world.us.setFaults({ slow: 1, slowDelayMs: 300 });
    try {
      const result = await fn();
      const stats = world.us.stats();
      const userPages = Object.entries(stats.byEndpoint)
        .filter(([endpoint]) => endpoint.includes("/v2/users"))
        .reduce((sum, [, n]) => sum + n, 0);
      return { result, userPages };
    } finally {
      world.us.setFaults({ slow: 0 });
    }
  }

  it("answers identical concurrent reads with one provider call and the same body", async () => {
    const url = `${users}?integrated_account_id=${account}&limit=20`;
    const { result, userPages } = await whileSlow(() =>
      Promise.all(Array.from({ length: 6 }, () => world.get(url))),
    );
    expect(userPages).toBe(1);
    for (const res of result) {
      expect(res.status).toBe(200);
      expect(res.body.result).toHaveLength(20);
      expect(res.body).toEqual(result[0]?.body);
      expect(res.headers["ratelimit-remaining"]).toBeDefined();
    }
    const metrics = await world.roster.app.inject({ url: "/metrics", headers: world.roster.auth });
    expect(metrics.body).toMatch(/roster_shared_live_reads_total \d+/);
  });

  it("does not share across different queries, environments or writes", async () => {
    const staging = await new EnvironmentRepository(world.roster.context.store.db).ensure("staging-shared");
    const stagingToken = (await world.roster.context.tokens.create(staging.id)).token;
    const { result, userPages } = await whileSlow(() =>
      Promise.all([
        world.get(`${users}?integrated_account_id=${account}&limit=20`),
        world.get(`${users}?integrated_account_id=${account}&limit=21`),
        world.get(`${users}?integrated_account_id=${account}&limit=20&ignore_remote_data=true`),
        world.get(`${users}?integrated_account_id=${account}&limit=20`, {
          authorization: `Bearer ${stagingToken}`,
        }),
      ]),
    );
    expect(result.map((r) => r.status)).toEqual([200, 200, 200, 404]);
    expect(result[1]?.body.result).toHaveLength(21);
    expect(result[2]?.body.result[0].remote_data).toBeUndefined();
    expect(userPages).toBe(3);

    const create = () =>
      world.roster.app.inject({
        method: "POST",
        url: `/proxy/users?integrated_account_id=${account}`,
        headers: world.roster.auth,
        payload: { username: "twin@example.com", fullName: "Twin", role: { name: "User" } },
      });
    const writes = await whileSlow(() => Promise.all([create(), create()]));
    expect(writes.result.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });
});
