import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../helpers/opsgenie-world.ts";

/** The "Hardening" examples: hostile names and values are clear 4xx answers in Roster's shape, never a 500. */
describe.each(testDatabases)("hostile input on $name", (database) => {
  let world: OpsgenieWorld;
  let account: string;
  beforeAll(async () => {
    world = await startOpsgenieWorld({ databaseUrl: await database.create(), us: { users: 20, teams: 2 } });
    account = await world.link(world.us.apiKeys.full);
  });
  afterAll(() => world.close());

  const send = (method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", url: string, payload?: unknown) =>
    world.roster.app.inject({
      method,
      url,
      headers: world.roster.auth,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  it("answers proxy resources named after Object.prototype members with 404, on every method", async () => {
    const q = `integrated_account_id=${account}`;
    for (const [method, path] of [
      ["GET", "/proxy/constructor"],
      ["GET", "/proxy/__proto__"],
      ["POST", "/proxy/hasOwnProperty"],
      ["GET", "/proxy/toString/1"],
      ["DELETE", "/proxy/valueOf/1"],
    ] as const) {
      const res = await send(method, `${path}?${q}`, method === "POST" ? {} : undefined);
      expect(res.statusCode, `${method} ${path}`).toBe(404);
      expect(res.json()).toMatchObject({ statusCode: 404, code: "not_found" });
      expect(res.json().message).toMatch(/no proxy resource/);
    }
    expect((await send("GET", `/proxy/users?${q}&limit=2`)).statusCode).toBe(200);
  });
});
