import { afterEach, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type OAuthWorld, startOAuthWorld } from "./oauth-world.ts";

const usersOf = (id: string) => `/unified/user-directory/users?integrated_account_id=${id}&limit=100`;

describe.each(testDatabases)("OAuth accounts in PagerDuty's service regions ($name)", (database) => {
  let world: OAuthWorld | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it("an account of the EU region linked through OAuth gets region eu and its users are read from the EU host", async () => {
    world = await startOAuthWorld(await database.create(), { region: "eu" });
    const id = await world.connect();
    const account = await world.get(`/integrated-account/${id}`);
    expect(account.body).toMatchObject({ id, integration: "pagerduty", region: "eu", status: "active" });
    const users = await world.get(usersOf(id));
    expect(users.status).toBe(200);
    const names = users.body.result.map((u: { name: string }) => u.name).sort();
    expect(names).toEqual([...world.pd.directory.users.values()].map((u) => u.name).sort());
  });

  it("an account of the US region linked through OAuth stays in region us", async () => {
    world = await startOAuthWorld(await database.create());
    const id = await world.connect();
    expect((await world.get(`/integrated-account/${id}`)).body.region).toBe("us");
    const users = await world.get(usersOf(id));
    expect(users.status).toBe(200);
    expect(users.body.result).toHaveLength(world.pd.directory.users.size);
  });

  it("an EU account linked with a key and reconnected through OAuth keeps region eu and keeps reading", async () => {
    world = await startOAuthWorld(await database.create(), { region: "eu" });
    const linked = await world.roster.app.inject({
      method: "POST",
      url: "/integrated-account",
      headers: world.roster.auth,
      payload: {
        integration: "pagerduty",
        tenant_id: "customer-1",
        context: { api_key: world.pd.apiKeys.readOnly, region: "eu" },
      },
    });
    expect(linked.statusCode).toBe(201);
    const id = linked.json().id as string;
    const { authorizeUrl } = await world.startConsent({ integrated_account_id: id });
    const page = await world.callback(await world.decide(authorizeUrl, "approve"));
    expect(page.integrated_account_id).toBe(id);
    const account = await world.get(`/integrated-account/${id}`);
    expect(account.body).toMatchObject({ region: "eu", status: "active" });
    expect((await world.get(usersOf(id))).status).toBe(200);
  });
});
