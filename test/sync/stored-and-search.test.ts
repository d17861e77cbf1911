import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EnvironmentRepository } from "../../src/store/environments.ts";
import { testDatabases } from "../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../helpers/opsgenie-world.ts";
import { createSyncJob, fastJobs, opsgenie, runSync } from "./sync-helpers.ts";

const base = "/unified/user-directory";

describe.each(testDatabases)("stored reads and people search on $name", (database) => {
  let world: OpsgenieWorld;
  let us: string;
  let eu: string;
  let jose: { id: string; username: string };
  const folded = ["Zoë Łukasiewicz", "Øyvind Straße", "Æsa Đorđević", "ılkay İnce"];
  const foldedIds = new Map<string, string>();
  beforeAll(async () => {
    world = await startOpsgenieWorld({
      databaseUrl: await database.create(),
      us: { users: 150, teams: 8 },
      env: fastJobs,
    });
    const user = [...world.us.directory.users.values()].find((u) => u.role.id !== "Owner");
    if (!user) throw new Error("no user");
    await opsgenie(world.us, "PATCH", `/v2/users/${user.id}`, { fullName: "José García-Márquez" });
    jose = { id: user.id, username: user.username };
    // Names with letters that Unicode does not decompose (no combining mark to strip).
    const others = [...world.us.directory.users.values()].filter((u) => u.role.id !== "Owner" && u !== user);
    for (const [i, fullName] of folded.entries()) {
      const other = others[i];
      if (!other) throw new Error("not enough users");
      await opsgenie(world.us, "PATCH", `/v2/users/${other.id}`, { fullName });
      foldedIds.set(fullName, other.id);
    }
    us = await world.link(world.us.apiKeys.full, "us", "tenant-us");
    eu = await world.link(world.eu.apiKeys.full, "eu", "tenant-eu");
    for (const account of [us, eu]) {
      const run = await runSync(world, await createSyncJob(world, account));
      expect(run.status, run.error).toBe("completed");
    }
  });
  afterAll(() => world.close());

  const byId = (records: any[]) => new Map(records.map((r) => [r.id, r]));

  it("source=store returns what the live API returns, field by field", async () => {
    for (const [resource, extra] of [
      ["users", ""],
      ["groups", "&include=members"],
      ["groups", ""],
      ["roles", ""],
      ["licenses", ""],
      ["organizations", ""],
    ] as const) {
      const url = `${base}/${resource}?integrated_account_id=${us}&fetch_all=true${extra}`;
      const live = await world.get(url);
      const stored = await world.get(`${url}&source=store`);
      expect(stored.status, JSON.stringify(stored.body)).toBe(200);
      expect(stored.body.result_count).toBe(live.body.result.length);
      const storedById = byId(stored.body.result);
      for (const record of live.body.result) {
        const mine = storedById.get(record.id);
        expect(mine, `${resource} ${record.id}`).toBeDefined();
        for (const field of new Set([...Object.keys(record), ...Object.keys(mine)])) {
          if (resource === "groups" && extra === "" && field === "remote_data") continue; // stored: the full team
          expect(mine[field], `${resource} ${record.id}.${field}`).toEqual(record[field]);
        }
      }
    }
  });

  it("a stored get answers as the live get: a group with its members, a user with its groups (not its phones)", async () => {
    const groups = (
      await world.get(`${base}/groups?integrated_account_id=${us}&include=members&fetch_all=true`)
    ).body.result as { id: string; members: { id: string }[] }[];
    const group = groups.find((g) => g.members.length > 0);
    if (!group) throw new Error("no group with members");
    const member = group.members[0]?.id ?? "";
    for (const [resource, id] of [
      ["groups", group.id],
      ["users", member],
    ] as const) {
      const live = await world.get(`${base}/${resource}/${id}?integrated_account_id=${us}`);
      const stored = await world.get(`${base}/${resource}/${id}?integrated_account_id=${us}&source=store`);
      expect(stored.status, JSON.stringify(stored.body)).toBe(200);
      for (const field of new Set([...Object.keys(live.body), ...Object.keys(stored.body)])) {
        if (field === "remote_data" || field === "phones") continue; // the list copy: no contact methods
        const sorted = (value: unknown) =>
          Array.isArray(value) ? [...value].sort((a, b) => String(a.id).localeCompare(String(b.id))) : value;
        expect(sorted(stored.body[field]), `${resource} ${id}.${field}`).toEqual(sorted(live.body[field]));
      }
    }
    const user = await world.get(`${base}/users/${member}?integrated_account_id=${us}&source=store`);
    expect(user.body.groups).toEqual(expect.arrayContaining([{ id: group.id, name: expect.any(String) }]));
  });

  it("pages with signed cursors, filters by e-mail and group, shapes like live reads", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await world.get(
        `${base}/users?integrated_account_id=${us}&source=store&limit=40${cursor ? `&next_cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.result_count).toBeLessThanOrEqual(40);
      seen.push(...page.body.result.map((u: any) => u.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(150);
    expect(new Set(seen).size).toBe(150);

    const first = await world.get(`${base}/users?integrated_account_id=${us}&source=store&limit=10`);
    const foreign = await world.get(
      `${base}/users?integrated_account_id=${eu}&source=store&limit=10&next_cursor=${encodeURIComponent(first.body.next_cursor)}`,
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body.code).toBe("invalid_cursor");

    const email = await world.get(
      `${base}/users?integrated_account_id=${us}&source=store&email=${encodeURIComponent(jose.username.toUpperCase())}`,
    );
    expect(email.body.result.map((u: any) => u.id)).toEqual([jose.id]);

    const team = [...world.us.directory.teams.values()].find((t) => t.members.size > 0);
    if (!team) throw new Error("no team");
    const members = await world.get(
      `${base}/users?integrated_account_id=${us}&source=store&group_id=${team.id}`,
    );
    expect(new Set(members.body.result.map((u: any) => u.id))).toEqual(new Set(team.members.keys()));

    const lean = await world.get(
      `${base}/users/${jose.id}?integrated_account_id=${us}&source=store&ignore_remote_data=true`,
    );
    expect(lean.status).toBe(200);
    expect(lean.body.name).toBe("José García-Márquez");
    expect(lean.body.remote_data).toBeUndefined();
    const raw = await world.get(
      `${base}/users/${jose.id}?integrated_account_id=${us}&source=store&response_format=raw`,
    );
    expect(raw.body.id).toBe(jose.id);
    expect(raw.body.fullName).toBe("José García-Márquez");
    const missing = await world.get(`${base}/users/nope?integrated_account_id=${us}&source=store`);
    expect(missing.status).toBe(404);

    const later = new Date(Date.now() + 60_000).toISOString();
    const none = await world.get(
      `${base}/users?integrated_account_id=${us}&source=store&updated_since=${later}`,
    );
    expect(none.body.result).toEqual([]);
  });

  it("searches users across accounts by name prefix, e-mail and non-ASCII, scoped by tenant and environment", async () => {
    const search = async (q: string, extra = "", headers = world.roster.auth) =>
      (
        await world.roster.app.inject({ url: `/search/users?q=${encodeURIComponent(q)}${extra}`, headers })
      ).json();
    const byName = await search("jose garc");
    expect(byName.result[0]).toMatchObject({
      id: jose.id,
      integrated_account_id: us,
      integration: "opsgenie",
      tenant_id: "tenant-us",
    });
    expect((await search("JOSÉ")).result.map((r: any) => r.id)).toContain(jose.id);
    expect((await search("marq")).result.map((r: any) => r.id)).toContain(jose.id);
    const exact = await search(jose.username);
    expect(exact.result[0].id).toBe(jose.id);

    // One name from each account: the search spans both, and tenant_id narrows it.
    const euUser = [...world.eu.directory.users.values()][3];
    if (!euUser) throw new Error("no EU user");
    const euHit = await search(euUser.username);
    expect(euHit.result[0]).toMatchObject({
      id: euUser.id,
      integrated_account_id: eu,
      tenant_id: "tenant-eu",
    });
    expect(
      (await search(euUser.username, "&tenant_id=tenant-us")).result.map((r: any) => r.id),
    ).not.toContain(euUser.id);
    const firstWord = euUser.fullName.split(" ")[0]?.slice(0, 3) ?? "";
    const prefix = await search(firstWord, "&limit=100");
    expect(prefix.result.some((r: any) => r.integrated_account_id === eu)).toBe(true);

    for (const [q, fullName] of [
      ["lukasiewicz", "Zoë Łukasiewicz"],
      ["zoe lukas", "Zoë Łukasiewicz"],
      ["oyvind", "Øyvind Straße"],
      ["strasse", "Øyvind Straße"],
      ["aesa", "Æsa Đorđević"],
      ["dordevic", "Æsa Đorđević"],
      ["ilkay ince", "ılkay İnce"],
    ]) {
      const found = await search(q as string);
      expect(found.result[0], q).toMatchObject({ id: foldedIds.get(fullName as string), name: fullName });
    }

    const other = await new EnvironmentRepository(world.roster.context.store.db).ensure("other-env");
    const token = await world.roster.context.tokens.create(other.id);
    expect((await search("jose", "", { authorization: `Bearer ${token.token}` })).result).toEqual([]);
  });
});
