import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../../../test/helpers/databases.ts";
import { startTestRoster, type TestRoster } from "../../../../test/helpers/roster.ts";
import { EnvironmentRepository } from "../../../store/environments.ts";
import { newAccountId } from "../../../store/integrated-accounts.ts";

describe.each(testDatabases)("integrated accounts and environments on $name", (database) => {
  let roster: TestRoster;
  let otherAuth: { authorization: string };
  let defaultEnvironmentId: string;

  beforeAll(async () => {
    roster = await startTestRoster({ databaseUrl: await database.create() });
    defaultEnvironmentId = roster.context.defaultEnvironmentId;
    const other = await new EnvironmentRepository(roster.context.store.db).ensure("staging");
    otherAuth = { authorization: `Bearer ${(await roster.context.tokens.create(other.id)).token}` };
  });
  afterAll(() => roster.close());

  async function seedAccount(environmentId: string, tenant: string) {
    const id = newAccountId();
    const sealed = roster.context.vault.sealJson({ api_key: "never-returned" }, id);
    await roster.context.accounts.insert({
      id,
      environment_id: environmentId,
      integration: "example",
      tenant_id: tenant,
      region: "us",
      status: "active",
      last_error: null,
      credentials: sealed.sealed,
      credentials_key_id: sealed.keyId,
    });
    return id;
  }

  it("lists accounts newest first with cursor pagination and filters, never showing credentials", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(await seedAccount(defaultEnvironmentId, i % 2 === 0 ? "acme" : "globex"));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `limit=2&tenant_id=acme${cursor ? `&next_cursor=${encodeURIComponent(cursor)}` : ""}`;
      const res = await roster.app.inject({ url: `/integrated-account?${query}`, headers: roster.auth });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.result_count).toBe(body.result.length);
      expect(res.body).not.toContain("never-returned");
      expect(res.body).not.toContain("credentials");
      seen.push(...body.result.map((a: { id: string }) => a.id));
      cursor = body.next_cursor;
    } while (cursor);
    expect(new Set(seen)).toEqual(new Set([ids[0], ids[2], ids[4]]));
  });

  it("refuses a tampered cursor and one minted for another environment with 400 invalid_cursor", async () => {
    await seedAccount(defaultEnvironmentId, "acme");
    await seedAccount(defaultEnvironmentId, "acme");
    const first = (
      await roster.app.inject({ url: "/integrated-account?limit=1", headers: roster.auth })
    ).json();
    const tampered = `${first.next_cursor.slice(0, -2)}xx`;
    const res = await roster.app.inject({
      url: `/integrated-account?next_cursor=${tampered}`,
      headers: roster.auth,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe("invalid_cursor");
    const foreign = await roster.app.inject({
      url: `/integrated-account?next_cursor=${encodeURIComponent(first.next_cursor)}`,
      headers: otherAuth,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().code).toBe("invalid_cursor");
  });

  it("hides another environment's account: 404 for get, patch and delete, absent from lists", async () => {
    const id = await seedAccount(defaultEnvironmentId, "private");
    const own = await roster.app.inject({ url: `/integrated-account/${id}`, headers: roster.auth });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id, tenant_id: "private", status: "active", region: "us" });
    expect(own.body).not.toContain("never-returned");

    for (const method of ["GET", "PATCH", "DELETE"] as const) {
      const res = await roster.app.inject({
        method,
        url: `/integrated-account/${id}`,
        headers: otherAuth,
        ...(method === "PATCH" ? { payload: { context: { api_key: "x" } } } : {}),
      });
      expect(res.statusCode, method).toBe(404);
      expect(res.json().code).toBe("not_found");
    }
    const list = (
      await roster.app.inject({ url: "/integrated-account?limit=100", headers: otherAuth })
    ).json();
    expect(list.result.map((a: { id: string }) => a.id)).not.toContain(id);
    expect(
      (await roster.app.inject({ url: `/integrated-account/${id}`, headers: roster.auth })).statusCode,
    ).toBe(200);
  });

  it("deletes an account with its credentials", async () => {
    const id = await seedAccount(defaultEnvironmentId, "gone");
    const res = await roster.app.inject({
      method: "DELETE",
      url: `/integrated-account/${id}`,
      headers: roster.auth,
    });
    expect(res.json()).toEqual({ id });
    const rows = await roster.context.store.db
      .selectFrom("integrated_accounts")
      .where("id", "=", id)
      .selectAll()
      .execute();
    expect(rows).toHaveLength(0);
    expect(
      (await roster.app.inject({ url: `/integrated-account/${id}`, headers: roster.auth })).statusCode,
    ).toBe(404);
  });

  it("lists the integrations", async () => {
    const res = await roster.app.inject({ url: "/integration", headers: roster.auth });
    expect(res.statusCode).toBe(200);
    const opsgenie = res.json().result.find((i: { name: string }) => i.name === "opsgenie");
    expect(opsgenie).toMatchObject({ regions: ["us", "eu"], category: "user-directory" });
    expect(opsgenie.credentials.fields.map((f: { name: string }) => f.name)).toEqual(["api_key", "region"]);
  });
});
