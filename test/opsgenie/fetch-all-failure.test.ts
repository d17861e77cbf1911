/**
 * A streamed fetch_all whose provider fails after the first page (API.md): the answer is already 200, so the
 * document still ends as valid JSON with the records sent, an `error` member in Roster's error shape and a
 * `next_cursor` from which the caller gets exactly the rest.
 */
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { FaultRule } from "../../simulators/opsgenie/index.ts";
import { testDatabases } from "../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../helpers/opsgenie-world.ts";

const USERS = 250;
const lists = {
  unified: "/unified/user-directory/users",
  proxy: "/proxy/users",
};
/** The provider fails every read of the second page (offset 100), in two ways. */
const failures: { name: string; rule: FaultRule; status: number; code: string }[] = [
  { name: "5xx", rule: { kind: "5xx", path: "/v2/users", offset: 100 }, status: 502, code: "remote_error" },
  {
    name: "timeout",
    rule: { kind: "hang", path: "/v2/users", offset: 100 },
    status: 504,
    code: "provider_timeout",
  },
];

describe.each(testDatabases)("fetch_all failing after its first page, on $name", (database) => {
  let world: OpsgenieWorld;
  let account: string;
  beforeAll(async () => {
    world = await startOpsgenieWorld({
      databaseUrl: await database.create(),
      us: { users: USERS, teams: 3 },
      // Retries of the failing page give up within 3 s. The per-attempt timeout leaves room for a loaded
      // machine: a healthy page that misses it would turn the 5xx case into a timeout.
      env: { ROSTER_PROVIDER_TIMEOUT_MS: "1200", ROSTER_PROVIDER_DEADLINE_MS: "3000" },
    });
    account = await world.link(world.us.apiKeys.full);
  });
  afterEach(() => world.us.setFaultRules([]));
  afterAll(() => world.close());

  /** The raw body, parsed by the test itself: the document must be complete JSON. */
  async function fetchAll(list: string, cursor?: string) {
    const res = await world.roster.app.inject({
      url: `${list}?integrated_account_id=${account}&fetch_all=true${cursor ? `&next_cursor=${encodeURIComponent(cursor)}` : ""}`,
      headers: world.roster.auth,
    });
    return { status: res.statusCode, body: JSON.parse(res.body) };
  }

  const idOf = (record: any): string => record.id;
  const firstPage = () =>
    world.us.directory
      .sortedUsers("username")
      .slice(0, 100)
      .map((u) => u.id);

  for (const [kind, list] of Object.entries(lists)) {
    for (const failure of failures) {
      it(`${kind}: a ${failure.name} on page 2 ends the document with the first page, the error and a cursor that resumes exactly`, async () => {
        world.us.setFaultRules([failure.rule]);
        const broken = await fetchAll(list);
        expect(broken.status).toBe(200);
        expect(broken.body.result.map(idOf)).toEqual(firstPage());
        expect(broken.body.result_count).toBe(100);
        expect(broken.body.error).toMatchObject({
          statusCode: failure.status,
          code: failure.code,
          message: expect.any(String),
        });
        expect(broken.body.next_cursor).toEqual(expect.any(String));

        world.us.setFaultRules([]);
        const rest = await fetchAll(list, broken.body.next_cursor);
        expect(rest.status).toBe(200);
        expect(rest.body.error).toBeUndefined();
        expect(rest.body.next_cursor).toBeNull();
        const all = [...broken.body.result, ...rest.body.result].map(idOf);
        expect(all).toHaveLength(USERS);
        expect(new Set(all)).toEqual(new Set(world.us.directory.users.keys()));
      });
    }
  }

  it("a caller that goes away mid-stream cancels the walk: the page in flight is dropped, not retried", async () => {
    const address = await world.roster.app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = new URL(address) as unknown as AddressInfo;
    // The second page never comes, so the caller leaves while it is in flight.
    world.us.setFaultRules([{ kind: "hang", path: "/v2/users", offset: 100 }]);
    world.us.resetStats();
    for (const list of Object.values(lists)) {
      await new Promise<void>((resolve, reject) => {
        const req = request(
          {
            host: "127.0.0.1",
            port,
            path: `${list}?integrated_account_id=${account}&fetch_all=true`,
            headers: world.roster.auth,
          },
          (res) => {
            res.once("data", () => {
              req.destroy();
              resolve();
            });
          },
        );
        req.on("error", (error) => {
          if (!req.destroyed) reject(error);
        });
        req.end();
      });
    }
    // Longer than the provider deadline: a walk still running would have retried page 2 by now.
    await new Promise((r) => setTimeout(r, 3500));
    const stats = world.us.stats();
    // At most one read of page 2 per list: it may even be cancelled before it leaves (pacing on PostgreSQL).
    expect(stats.faults.hang ?? 0).toBeLessThanOrEqual(2);
    expect(stats.byEndpoint["GET /v2/users"]).toBe(2);
  });
});
