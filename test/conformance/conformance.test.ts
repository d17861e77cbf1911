import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUnifiedResourceName, unifiedModels, unifiedResourceNames } from "../../src/core/models/index.ts";
import { findProvider } from "../../src/providers/index.ts";
import { testDatabases } from "../helpers/databases.ts";
import { startTestRoster, type TestRoster } from "../helpers/roster.ts";
import type { HarnessRun, ProviderHarness } from "./harness.ts";
import { jsmHarness } from "./jsm.harness.ts";
import { opsgenieHarness } from "./opsgenie.harness.ts";
import { pagerdutyHarness } from "./pagerduty.harness.ts";

/** Every provider runs this same suite through the real engine against its simulator. */
const harnesses: ProviderHarness[] = [opsgenieHarness, pagerdutyHarness, jsmHarness];
const database = testDatabases[testDatabases.length - 1];

describe.each(harnesses)("provider conformance: $integration", (harness) => {
  let run: HarnessRun;
  let roster: TestRoster;
  let account: string;
  const provider = findProvider(harness.integration);
  // The suite asks each provider only for what its definition declares (conformance by capability).
  const declared = Object.keys(provider?.unified["user-directory"] ?? {}).filter(isUnifiedResourceName);
  const undeclared = unifiedResourceNames.filter((name) => !declared.includes(name));

  beforeAll(async () => {
    if (!database) throw new Error("no test database");
    run = await harness.start();
    roster = await startTestRoster({ databaseUrl: await database.create(), env: run.env });
    const res = await roster.app.inject({
      method: "POST",
      url: "/integrated-account",
      headers: roster.auth,
      payload: { integration: harness.integration, tenant_id: "conformance", context: run.credentials },
    });
    expect(res.statusCode, res.body).toBe(201);
    account = res.json().id;
  });
  afterAll(async () => {
    await roster?.close();
    await run?.close();
  });

  const get = async (url: string) => {
    const res = await roster.app.inject({ url, headers: roster.auth });
    return { status: res.statusCode, body: res.json() };
  };

  it("is registered and listed by GET /integration with its resources", async () => {
    expect(provider).toBeDefined();
    const listed = (await get("/integration")).body.result.find(
      (i: { name: string }) => i.name === harness.integration,
    );
    expect(listed.unified["user-directory"]).toEqual(declared);
    expect(declared.length).toBeGreaterThan(0);
    expect(listed.proxy.length).toBeGreaterThan(0);
    expect(JSON.stringify(listed)).not.toMatch(/https?:\/\//);
  });

  it("refuses credentials it cannot use, creating no account", async () => {
    for (const context of run.refused) {
      const res = await roster.app.inject({
        method: "POST",
        url: "/integrated-account",
        headers: roster.auth,
        payload: { integration: harness.integration, tenant_id: "conformance", context },
      });
      expect(res.statusCode).toBe(422);
      expect(["invalid_credentials", "insufficient_access"]).toContain(res.json().code);
    }
  });

  for (const resource of declared) {
    it(`pages ${resource} into unique, valid records that get() returns alike, and fetch_all agrees`, async () => {
      const seen: any[] = [];
      let cursor: string | null = null;
      do {
        const page = await get(
          `/unified/user-directory/${resource}?integrated_account_id=${account}&limit=7${cursor ? `&next_cursor=${encodeURIComponent(cursor)}` : ""}`,
        );
        expect(page.status, JSON.stringify(page.body)).toBe(200);
        expect(page.body.result.length).toBeLessThanOrEqual(7);
        seen.push(...page.body.result);
        cursor = page.body.next_cursor;
      } while (cursor);
      expect(seen.length).toBeGreaterThan(0);
      expect(new Set(seen.map((r) => r.id)).size).toBe(seen.length);
      for (const record of seen) {
        unifiedModels[resource].parse(record);
        expect(record.remote_data).toBeDefined();
      }
      if (resource === "users") expect(seen).toHaveLength(run.expected.users);
      if (resource === "groups") expect(seen).toHaveLength(run.expected.groups);

      const one = await get(
        `/unified/user-directory/${resource}/${encodeURIComponent(seen[0].id)}?integrated_account_id=${account}`,
      );
      expect(one.status).toBe(200);
      expect(one.body.id).toBe(seen[0].id);
      unifiedModels[resource].parse(one.body);

      const all = await get(
        `/unified/user-directory/${resource}?integrated_account_id=${account}&fetch_all=true`,
      );
      expect(all.body.result.map((r: { id: string }) => r.id).sort()).toEqual(seen.map((r) => r.id).sort());
    });
  }

  // Only a provider that leaves a unified resource out has something to refuse.
  if (undeclared.length > 0)
    it("answers 422 unsupported_operation for resources it does not declare", async () => {
      for (const resource of undeclared) {
        const res = await get(`/unified/user-directory/${resource}?integrated_account_id=${account}`);
        expect(res.status, resource).toBe(422);
        expect(res.body.code, resource).toBe("unsupported_operation");
      }
    });

  it("lists every parameter-free proxy list resource in the list envelope", async () => {
    // Parameters the provider fills itself (a site id, say) leave a list free of caller parameters.
    const own = new Set(harness.ownPathParams ?? []);
    const callerParams = (path: string) =>
      [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).filter((p) => !own.has(p ?? ""));
    const listed: string[] = [];
    for (const [name, resource] of Object.entries(provider?.proxy ?? {})) {
      if (
        !resource.operations.includes("list") ||
        callerParams(resource.path).length > 0 ||
        resource.singleton
      )
        continue;
      listed.push(name);
      const res = await get(`/proxy/${name}?integrated_account_id=${account}&limit=3`);
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(200);
      expect(Array.isArray(res.body.result), name).toBe(true);
      expect(res.body.result.length, name).toBeLessThanOrEqual(3);
    }
    expect(listed.length).toBeGreaterThan(0);
  });
});
