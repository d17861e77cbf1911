import { afterEach, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type OAuthWorld, startOAuthWorld } from "./oauth-world.ts";

const usersOf = (id: string) => `/unified/user-directory/users?integrated_account_id=${id}&limit=5`;
const THIRTY_DAYS = 30 * 24 * 3600;

/** Runs `call` and says how long it took (ms). */
async function timed<T>(call: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await call();
  return { value, ms: performance.now() - started };
}

describe.each(testDatabases)(
  "OAuth refreshes wait on the token endpoint without the database ($name)",
  (database) => {
    let world: OAuthWorld;
    afterEach(async () => {
      world?.pd.oauth.releaseTokenRequests();
      await world?.close();
    });

    async function leaseRows(): Promise<{ account_id: string; holder: string }[]> {
      return world.roster.context.store.db
        .selectFrom("oauth_refresh_leases")
        .select(["account_id", "holder"])
        .execute();
    }

    it("answers other requests at once while refreshes of two accounts hang on the token endpoint", async () => {
      // Two pooled connections: a refresh holding one for its token call would leave the API none.
      world = await startOAuthWorld(await database.create(), { env: { ROSTER_DATABASE_POOL_SIZE: "2" } });
      const first = await world.connect();
      const second = await world.connect({ tenant_id: "customer-2" });
      expect(second).not.toBe(first);
      world.advance(THIRTY_DAYS - 60);
      world.pd.oauth.holdTokenRequests();
      const refreshing = [world.get(usersOf(first)), world.get(usersOf(second))];
      await expect.poll(() => world.pd.oauth.stats().heldTokenRequests).toBe(2);

      const list = await timed(() => world.get("/integrated-account"));
      expect(list.value.status).toBe(200);
      expect(list.value.body.result.map((a: { id: string }) => a.id).sort()).toEqual([first, second].sort());
      const one = await timed(() => world.get(`/integrated-account/${first}`));
      expect(one.value.body.status).toBe("active");
      expect(list.ms + one.ms).toBeLessThan(2_000);

      world.pd.oauth.releaseTokenRequests();
      expect((await Promise.all(refreshing)).map((a) => a.status)).toEqual([200, 200]);
      expect(world.pd.oauth.stats().refreshes).toBe(2);
      expect(await leaseRows()).toEqual([]);
    });

    it("a token endpoint that never answers fails the refresh after the timeout; the next refresh goes through", async () => {
      world = await startOAuthWorld(await database.create(), { env: { ROSTER_PROVIDER_TIMEOUT_MS: "1000" } });
      const id = await world.connect();
      world.advance(THIRTY_DAYS - 60);
      world.pd.oauth.holdTokenRequests();

      const hung = await timed(() => world.get(usersOf(id)));
      expect(hung.value.status).toBe(502);
      expect(hung.value.body.code).toBe("provider_unreachable");
      expect(hung.value.body.message).toMatch(/authorization server did not answer within 1 s/);
      expect(hung.ms).toBeGreaterThanOrEqual(900);
      expect(hung.ms).toBeLessThan(3_000);
      // The lease went with the failed call, and Roster hung up (the parked request was dropped unprocessed).
      expect(await leaseRows()).toEqual([]);
      await expect.poll(() => world.pd.oauth.stats().heldTokenRequests).toBe(0);
      expect((await world.get(`/integrated-account/${id}`)).body.status).toBe("active");

      world.pd.oauth.releaseTokenRequests();
      const next = await timed(() => world.get(usersOf(id)));
      expect(next.value.status).toBe(200);
      expect(next.ms).toBeLessThan(1_000);
      expect(world.pd.oauth.stats().refreshes).toBe(1);
    });

    it("a lease left by a holder that died blocks the refresh only until it expires", async () => {
      world = await startOAuthWorld(await database.create());
      const id = await world.connect();
      world.advance(THIRTY_DAYS - 60);
      const now = Date.now();
      await world.roster.context.store.db
        .insertInto("oauth_refresh_leases")
        .values({
          account_id: id,
          holder: "an-instance-that-crashed",
          expires_at: new Date(now + 1_500).toISOString(),
          claimed_at: new Date(now - 58_500).toISOString(),
        })
        .execute();

      const waited = await timed(() => world.get(usersOf(id)));
      expect(waited.value.status).toBe(200);
      expect(waited.ms).toBeGreaterThanOrEqual(1_400);
      expect(waited.ms).toBeLessThan(4_000);
      expect(world.pd.oauth.stats().refreshes).toBe(1);
      expect(await leaseRows()).toEqual([]);
    });

    // Instances share the lease only through a shared database: PostgreSQL.
    if (database.name === "postgres")
      it("while one instance's refresh hangs, the other waits for it and uses its tokens", async () => {
        world = await startOAuthWorld(await database.create());
        const other = await world.startInstance();
        const id = await world.connect();
        world.advance(THIRTY_DAYS - 60);
        world.pd.oauth.holdTokenRequests();
        const answers = Promise.all([world.get(usersOf(id)), world.get(usersOf(id), other)]);
        await expect.poll(() => world.pd.oauth.stats().heldTokenRequests).toBe(1);
        expect(await leaseRows()).toHaveLength(1);
        // The waiting instance still has not called the token endpoint itself.
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(world.pd.oauth.stats().heldTokenRequests).toBe(1);

        world.pd.oauth.releaseTokenRequests();
        expect((await answers).map((a) => a.status)).toEqual([200, 200]);
        expect(world.pd.oauth.stats().refreshes).toBe(1);
        expect(await leaseRows()).toEqual([]);
      });
  },
);
