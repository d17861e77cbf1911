import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type OAuthWorld, startOAuthWorld } from "./oauth-world.ts";

const usersOf = (id: string) => `/unified/user-directory/users?integrated_account_id=${id}&limit=5`;
const THIRTY_DAYS = 30 * 24 * 3600;

type Store = OAuthWorld["roster"]["context"]["store"];

/**
 * Every table this Roster uses: on PostgreSQL its own schema and its job queue's, never the schemas of the
 * other tests sharing the database (reading those too is slow, and races with their teardown).
 */
async function ownTables(store: Store): Promise<{ schema?: string; name: string }[]> {
  if (store.dialect !== "postgres") return store.db.introspection.getTables();
  const rows = await sql<{ schema: string; name: string }>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_schema in (current_schema(), current_schema() || '_worker') and table_type = 'BASE TABLE'`.execute(
    store.db,
  );
  return rows.rows;
}

describe.each(testDatabases)("OAuth accounts refresh themselves ($name)", (database) => {
  let world: OAuthWorld;
  afterEach(async () => {
    await world?.close();
  });

  async function needsReauthEvents(): Promise<number> {
    const rows = await world.roster.context.store.db
      .selectFrom("change_events")
      .select("type")
      .where("type", "=", "integrated_account.needs_reauth")
      .execute();
    return rows.length;
  }

  it("links through the consent and reads the directory with the access token", async () => {
    world = await startOAuthWorld(await database.create());
    const integrations = await world.get("/integration");
    const pd = integrations.body.result.find((i: { name: string }) => i.name === "pagerduty");
    expect(pd.auth_methods).toEqual(["key", "oauth"]);
    const opsgenie = integrations.body.result.find((i: { name: string }) => i.name === "opsgenie");
    expect(opsgenie.auth_methods).toEqual(["key"]);

    const id = await world.connect();
    const account = await world.get(`/integrated-account/${id}`);
    expect(account.body).toMatchObject({
      id,
      integration: "pagerduty",
      status: "active",
      auth_method: "oauth",
      migrated_from: null,
    });
    const users = await world.get(usersOf(id));
    expect(users.status).toBe(200);
    expect(users.body.result).toHaveLength(5);
    expect(world.pd.oauth.stats().refreshes).toBe(0);
  });

  it("refreshes the access token shortly before it expires, once", async () => {
    world = await startOAuthWorld(await database.create());
    const id = await world.connect();
    world.advance(THIRTY_DAYS - 60);
    expect((await world.get(usersOf(id))).status).toBe(200);
    expect((await world.get(usersOf(id))).status).toBe(200);
    expect(world.pd.oauth.stats().refreshes).toBe(1);
    // The rotated pair was stored: past the next expiry, the new refresh token refreshes again.
    world.advance(THIRTY_DAYS);
    expect((await world.get(usersOf(id))).status).toBe(200);
    expect(world.pd.oauth.stats().refreshes).toBe(2);
  });

  it("refreshes once when the provider answers 401 to a token that has not expired", async () => {
    world = await startOAuthWorld(await database.create());
    const id = await world.connect();
    world.pd.oauth.expireAccessTokens();
    const users = await world.get(usersOf(id));
    expect(users.status).toBe(200);
    expect(world.pd.oauth.stats().refreshes).toBe(1);
    expect((await world.get(`/integrated-account/${id}`)).body.status).toBe("active");
  });

  it("a reused old refresh token revokes the grant: the account needs reauth and the event is written", async () => {
    world = await startOAuthWorld(await database.create());
    const id = await world.connect();
    world.advance(THIRTY_DAYS - 60);
    expect((await world.get(usersOf(id))).status).toBe(200);
    const [retired] = world.pd.oauth.stats().refreshTokens;
    // Someone replays the retired refresh token after the reuse leeway: the server revokes the whole grant.
    world.advance(5);
    const replay = await fetch(`${world.pd.url}/oauth/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: retired ?? "",
        client_id: world.pd.oauthClient.clientId,
        client_secret: world.pd.oauthClient.clientSecret,
      }),
    });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: "invalid_grant" });

    const refused = await world.get(usersOf(id));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe("needs_reauth");
    const account = await world.get(`/integrated-account/${id}`);
    expect(account.body.status).toBe("needs_reauth");
    expect(account.body.last_error).toMatch(/invalid_grant/);
    await expect.poll(needsReauthEvents).toBe(1);

    // Reconnecting through a link token and a new consent keeps the account's id.
    const { authorizeUrl } = await world.startConsent({ integrated_account_id: id });
    const page = await world.callback(await world.decide(authorizeUrl, "approve"));
    expect(page.integrated_account_id).toBe(id);
    expect((await world.get(`/integrated-account/${id}`)).body.status).toBe("active");
    expect((await world.get(usersOf(id))).status).toBe(200);
  });

  it("concurrent requests of one account in one process make one refresh", async () => {
    world = await startOAuthWorld(await database.create());
    const id = await world.connect();
    world.advance(THIRTY_DAYS - 60);
    const answers = await Promise.all([1, 2, 3, 4].map(() => world.get(usersOf(id))));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(world.pd.oauth.stats().refreshes).toBe(1);
  });

  // Two instances share a lock only on PostgreSQL; SQLite is one process.
  if (database.name === "postgres")
    it("two instances needing a refresh at once make exactly one refresh", async () => {
      world = await startOAuthWorld(await database.create());
      const other = await world.startInstance();
      const id = await world.connect();
      world.advance(THIRTY_DAYS - 60);
      const answers = await Promise.all([
        world.get(usersOf(id)),
        world.get(usersOf(id), other),
        world.get(usersOf(id)),
        world.get(usersOf(id), other),
      ]);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      expect(world.pd.oauth.stats().refreshes).toBe(1);
      expect((await world.get(`/integrated-account/${id}`)).body.status).toBe("active");
    });

  it("no token appears in logs, API answers or the database in plain text", async () => {
    world = await startOAuthWorld(await database.create());
    const answers: string[] = [];
    const id = await world.connect();
    world.advance(THIRTY_DAYS - 60);
    for (const url of [usersOf(id), `/integrated-account/${id}`, "/integrated-account", "/integration"])
      answers.push(JSON.stringify((await world.get(url)).body));
    const { accessTokens, refreshTokens } = world.pd.oauth.stats();
    expect(accessTokens.length).toBe(2);
    expect(refreshTokens.length).toBe(2);

    const db = world.roster.context.store.db;
    const dump: string[] = [];
    const tables = await ownTables(world.roster.context.store);
    expect(tables.length).toBeGreaterThan(10);
    for (const table of tables) {
      const rows = await (table.schema ? db.withSchema(table.schema) : db)
        .selectFrom(table.name as "integrated_accounts")
        .selectAll()
        .execute();
      dump.push(JSON.stringify(rows));
    }
    const logs = world.roster.logs.join("\n");
    for (const token of [...accessTokens, ...refreshTokens, world.pd.oauthClient.clientSecret]) {
      const bare = token.replace(/^pdus\+_/, "");
      for (const [where, text] of [
        ["logs", logs],
        ["answers", answers.join("\n")],
        ["database", dump.join("\n")],
      ] as const) {
        expect(text.includes(bare), `${where} holds a token`).toBe(false);
      }
    }
  });
});
