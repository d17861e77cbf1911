/** Users as a client sees them: paging walks, links and headers, sort/query, writes and their errors. */
import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { must, UUID } from "../kit/test-helpers.ts";
import { call, useSimulator } from "./test-helpers.ts";

describe("GET /v2/users paging", () => {
  const sim = useSimulator({ seed: 3, users: 250 });

  it("walking paging.next with limit 100 yields 250 distinct users; the last page has no next", async () => {
    const seen = new Set<string>();
    let path: string | undefined = "/v2/users?limit=100";
    let pages = 0;
    let last: { json: { paging: Record<string, string> } } | undefined;
    while (path) {
      const res = await call(sim(), path);
      expect(res.status).toBe(200);
      expect(res.json.totalCount).toBe(250);
      for (const u of res.json.data) seen.add(u.id);
      last = res;
      pages++;
      path = res.json.paging.next
        ? new URL(res.json.paging.next).pathname + new URL(res.json.paging.next).search
        : undefined;
    }
    expect(pages).toBe(3);
    expect(seen.size).toBe(250);
    expect(last?.json.paging.next).toBeUndefined();
    expect(last?.json.paging.prev).toContain("offset=100");
  });

  it("first page: no prev; first/last always; links absolute on the called host; X-Paging-* match", async () => {
    const res = await call(sim(), "/v2/users?limit=100");
    const { paging } = res.json;
    expect(paging.prev).toBeUndefined();
    expect(paging.first).toBe(`${sim().url}/v2/users?limit=100&offset=0&order=ASC&sort=username`);
    expect(paging.last).toBe(`${sim().url}/v2/users?limit=100&offset=200&order=ASC&sort=username`);
    expect(paging.next).toBe(`${sim().url}/v2/users?limit=100&offset=100&order=ASC&sort=username`);
    expect(res.headers.get("x-paging-first")).toBe(paging.first);
    expect(res.headers.get("x-paging-last")).toBe(paging.last);
    expect(res.headers.get("x-paging-next")).toBe(paging.next);
    expect(res.headers.get("x-paging-prev")).toBeNull();
  });

  it("links use the Host header the client called", async () => {
    // fetch may not override Host, so this one goes through node:http (as a proxy in front would).
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(`${sim().url}/v2/users?limit=10`, {
        headers: { Host: "api.eu.opsgenie.example:8443", Authorization: `GenieKey ${sim().apiKeys.full}` },
      });
      req.on("response", (res) => {
        let text = "";
        res.on("data", (c) => {
          text += c;
        });
        res.on("end", () => resolve(text));
      });
      req.on("error", reject);
      req.end();
    });
    expect(JSON.parse(body).paging.next).toBe(
      "http://api.eu.opsgenie.example:8443/v2/users?limit=10&offset=10&order=ASC&sort=username",
    );
  });

  it("limit=500 is capped at 100; limit<1 is a 422; the default limit is 100", async () => {
    const capped = await call(sim(), "/v2/users?limit=500");
    expect(capped.json.data).toHaveLength(100);
    expect(capped.json.paging.next).toContain("limit=100&offset=100");
    expect((await call(sim(), "/v2/users")).json.data).toHaveLength(100);
    const zero = await call(sim(), "/v2/users?limit=0");
    expect(zero.status).toBe(422);
    expect(zero.json.errors.limit).toBeTypeOf("string");
  });

  it("an offset past the end gives empty data, no next, and still first/last", async () => {
    const res = await call(sim(), "/v2/users?limit=100&offset=1000");
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual([]);
    expect(res.json.totalCount).toBe(250);
    expect(res.json.paging.next).toBeUndefined();
    expect(res.json.paging.first).toContain("offset=0");
  });

  it("middle page: prev = offset-limit, next = offset+limit; order echoed upper-case, query encoded", async () => {
    const res = await call(sim(), "/v2/users?limit=2&offset=3&order=desc&sort=fullName&query=role:user");
    const { paging } = res.json;
    expect(paging.prev).toBe(
      `${sim().url}/v2/users?limit=2&offset=1&order=DESC&sort=fullName&query=role%3Auser`,
    );
    expect(paging.next).toContain("offset=5&order=DESC&sort=fullName&query=role%3Auser");
    expect(res.headers.get("x-paging-prev")).toBe(paging.prev);
  });

  it("the trailing-slash path the SDK uses works too", async () => {
    const res = await call(sim(), "/v2/users/?limit=5");
    expect(res.status).toBe(200);
    expect(res.json.data).toHaveLength(5);
  });

  it("sort and order: username asc/desc, fullName, insertedAt (createdAt tolerated)", async () => {
    const asc = (await call(sim(), "/v2/users?limit=100&sort=username")).json.data.map(
      (u: { username: string }) => u.username,
    );
    expect(asc).toEqual([...asc].sort());
    const desc = (await call(sim(), "/v2/users?limit=100&order=desc")).json.data.map(
      (u: { username: string }) => u.username,
    );
    expect(desc[0] > desc[99]).toBe(true);
    const byDate = (await call(sim(), "/v2/users?limit=100&sort=createdAt")).json.data.map(
      (u: { createdAt: string }) => u.createdAt,
    );
    expect(byDate).toEqual([...byDate].sort());
    expect((await call(sim(), "/v2/users?sort=insertedAt")).status).toBe(200);
    expect((await call(sim(), "/v2/users?sort=shoeSize")).status).toBe(422);
  });

  it("query filters on role, blocked, verified, username, fullName; totalCount counts matches", async () => {
    const dir = sim().directory;
    const admins = [...dir.users.values()].filter((u) => u.role.name === "Admin").length;
    const res = await call(sim(), "/v2/users?query=role%3Aadmin");
    expect(res.json.totalCount).toBe(admins);
    expect(res.json.data.every((u: { role: { name: string } }) => u.role.name === "Admin")).toBe(true);
    const blocked = [...dir.users.values()].filter((u) => u.blocked).length;
    expect((await call(sim(), "/v2/users?query=blocked:true")).json.totalCount).toBe(blocked);
    const unverified = [...dir.users.values()].filter((u) => !u.verified).length;
    expect((await call(sim(), "/v2/users?query=verified:false")).json.totalCount).toBe(unverified);
    const someone = must(dir.sortedUsers("username")[10]);
    const byName = await call(sim(), `/v2/users?query=${encodeURIComponent(`username:${someone.username}`)}`);
    expect(byName.json.data.map((u: { id: string }) => u.id)).toContain(someone.id);
    const full = await call(sim(), `/v2/users?query=${encodeURIComponent(`fullName:"${someone.fullName}"`)}`);
    expect(full.json.data.map((u: { id: string }) => u.id)).toContain(someone.id);
  });
});

describe("GET /v2/users/{id|username}", () => {
  const sim = useSimulator({ seed: 4 });

  it("by id and by raw username (with @, unescaped) return the same user; expand=contact adds userContacts", async () => {
    const user = must(sim().directory.sortedUsers("username")[0]);
    const byId = await call(sim(), `/v2/users/${user.id}`);
    const byName = await call(sim(), `/v2/users/${user.username}`);
    expect(byId.json.data).toEqual(byName.json.data);
    expect(byId.json.expandable).toEqual(["contact"]);
    expect(byId.json.data.userContacts).toBeUndefined();
    const expanded = await call(sim(), `/v2/users/${user.id}?expand=contact`);
    expect(expanded.json.data.userContacts[0]).toMatchObject({
      contactMethod: "email",
      to: user.username,
      enabled: true,
    });
  });

  it("unknown user -> 404 with message/took/requestId", async () => {
    const res = await call(sim(), "/v2/users/ghost@example.com");
    expect(res.status).toBe(404);
    expect(res.json.message).toBeTypeOf("string");
    expect(res.json.requestId).toMatch(UUID);
    expect(res.json.requestId).toBe(res.headers.get("x-request-id"));
  });

  it("/v2/users/{id}/teams lists {id,name} of the user's teams", async () => {
    const team = must([...sim().directory.teams.values()].find((t) => t.members.size > 0));
    const userId = must([...team.members.keys()][0]);
    const res = await call(sim(), `/v2/users/${userId}/teams`);
    expect(res.json.data).toContainEqual({ id: team.id, name: team.name });
  });

  it("contacts: list, get, create", async () => {
    const user = must(sim().directory.sortedUsers("username")[1]);
    const list = await call(sim(), `/v2/users/${user.id}/contacts`);
    expect(list.json.data[0]).toMatchObject({ method: "email", status: { enabled: true } });
    const created = await call(sim(), `/v2/users/${user.id}/contacts`, {
      method: "POST",
      body: { method: "sms", to: "1-5551234" },
    });
    expect(created.status).toBe(201);
    const got = await call(sim(), `/v2/users/${user.id}/contacts/${created.json.data.id}`);
    expect(got.json.data).toMatchObject({ method: "sms", to: "1-5551234" });
    const bad = await call(sim(), `/v2/users/${user.id}/contacts`, {
      method: "POST",
      body: { method: "pigeon", to: "x" },
    });
    expect(bad.status).toBe(422);
  });
});

describe("user writes", () => {
  const sim = useSimulator({ seed: 5, users: 20 });
  const accountCount = async (): Promise<number> => (await call(sim(), "/v2/account")).json.data.userCount;

  it("create -> 201 Created {id,name}; userCount follows; get shows it; PATCH Updated; DELETE Deleted", async () => {
    expect(await accountCount()).toBe(20);
    const created = await call(sim(), "/v2/users", {
      method: "POST",
      body: {
        username: "Zoe.Nowak@Example.com",
        fullName: "Zoë Nowak",
        role: { name: "admin" },
        tags: ["x"],
      },
    });
    expect(created.status).toBe(201);
    expect(created.json.result).toBe("Created");
    expect(created.json.data).toEqual({ id: expect.stringMatching(UUID), name: "zoe.nowak@example.com" });
    expect(await accountCount()).toBe(21);
    expect((await call(sim(), "/v2/users?limit=1")).json.totalCount).toBe(21);
    const got = await call(sim(), `/v2/users/${created.json.data.id}`);
    expect(got.json.data).toMatchObject({
      fullName: "Zoë Nowak",
      role: { id: "Admin", name: "Admin" },
      verified: false,
    });
    const patched = await call(sim(), `/v2/users/${created.json.data.id}`, {
      method: "PATCH",
      body: { fullName: "Zoë N." },
    });
    expect(patched.json.result).toBe("Updated");
    expect((await call(sim(), "/v2/users/zoe.nowak@example.com")).json.data.fullName).toBe("Zoë N.");
    const deleted = await call(sim(), "/v2/users/zoe.nowak@example.com", { method: "DELETE" });
    expect(deleted.json.result).toBe("Deleted");
    expect(await accountCount()).toBe(20);
    expect((await call(sim(), `/v2/users/${created.json.data.id}`)).status).toBe(404);
  });

  it("a new user appears in sorted lists immediately (caches invalidated)", async () => {
    await call(sim(), "/v2/users", {
      method: "POST",
      body: { username: "aaaa@example.com", fullName: "A", role: { name: "user" } },
    });
    const first = await call(sim(), "/v2/users?limit=1");
    expect(first.json.data[0].username).toBe("aaaa@example.com");
  });

  it("duplicate username -> 409", async () => {
    const existing = must(sim().directory.sortedUsers("username")[2]);
    const res = await call(sim(), "/v2/users", {
      method: "POST",
      body: { username: existing.username, fullName: "Dup", role: { name: "user" } },
    });
    expect(res.status).toBe(409);
    expect(res.json.message).toBeTypeOf("string");
  });

  it("422 with field errors: missing fields, username too long or not an e-mail, unknown role", async () => {
    const missing = await call(sim(), "/v2/users", { method: "POST", body: {} });
    expect(missing.status).toBe(422);
    expect(Object.keys(missing.json.errors).sort()).toEqual(["fullName", "role", "username"]);
    const long = await call(sim(), "/v2/users", {
      method: "POST",
      body: { username: `${"a".repeat(95)}@example.com`, fullName: "L", role: { name: "user" } },
    });
    expect(long.json.errors.username).toMatch(/100/);
    const notEmail = await call(sim(), "/v2/users", {
      method: "POST",
      body: { username: "bob", fullName: "B", role: { name: "user" } },
    });
    expect(notEmail.json.errors.username).toBeTypeOf("string");
    const badRole = await call(sim(), "/v2/users", {
      method: "POST",
      body: { username: "r@example.com", fullName: "R", role: { name: "Wizard" } },
    });
    expect(badRole.json.errors.role).toBeTypeOf("string");
  });

  it("malformed JSON -> 400; the owner cannot be deleted", async () => {
    const bad = await call(sim(), "/v2/users", { method: "POST", rawBody: "{nope" });
    expect(bad.status).toBe(400);
    const owner = must([...sim().directory.users.values()].find((u) => u.role.id === "Owner"));
    expect((await call(sim(), `/v2/users/${owner.id}`, { method: "DELETE" })).status).toBe(422);
  });

  it("custom role by name on create", async () => {
    const role = must([...sim().directory.customRoles.values()][0]);
    const res = await call(sim(), "/v2/users", {
      method: "POST",
      body: { username: "custom@example.com", fullName: "C", role: { name: role.name.toLowerCase() } },
    });
    expect(res.status).toBe(201);
    expect((await call(sim(), "/v2/users/custom@example.com")).json.data.role).toEqual({
      id: role.id,
      name: role.name,
    });
  });
});
