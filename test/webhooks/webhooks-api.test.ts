import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EnvironmentRepository } from "../../src/store/environments.ts";
import type { ResolveHost } from "../../src/webhooks/target-safety.ts";
import { testDatabases } from "../helpers/databases.ts";
import { startTestRoster, type TestRoster } from "../helpers/roster.ts";
import { documentedWebhookEvent } from "./documented-event.ts";
import { fastWebhooks, type Receiver, startReceiver, verifies } from "./receiver.ts";

describe.each(testDatabases)("webhook endpoints on $name", (database) => {
  let roster: TestRoster;
  let receiver: Receiver;
  const call = async (method: string, url: string, payload?: object, headers = roster.auth) => {
    const res = await roster.app.inject({ method: method as "GET", url, headers, payload });
    return { status: res.statusCode, body: res.body ? res.json() : null };
  };
  const create = async (body: object = {}) =>
    call("POST", "/webhook", { target_url: receiver.url, event_types: ["*"], ...body });

  beforeAll(async () => {
    roster = await startTestRoster({ databaseUrl: await database.create(), env: fastWebhooks });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await roster.close();
    await receiver.close();
  });

  it("creates a webhook and shows its whsec_ secret once, stored sealed", async () => {
    const res = await create({ event_types: ["group.member_added", "user.created"] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(res.body.secret.slice(6), "base64")).toHaveLength(32);
    expect(res.body).toMatchObject({ status: "active", event_types: ["group.member_added", "user.created"] });
    const one = await call("GET", `/webhook/${res.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body.secret).toBeUndefined();
    const list = await call("GET", "/webhook");
    expect(list.body.result.map((w: any) => w.id)).toContain(res.body.id);
    expect(JSON.stringify(list.body)).not.toContain(res.body.secret.slice(6));
    const row = await roster.context.store.db
      .selectFrom("webhooks")
      .selectAll()
      .where("id", "=", res.body.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(res.body.secret.slice(6));
    expect(roster.context.vault.openJson(row.secret, row.id)).toBe(res.body.secret);
  });

  it("rejects bad input with the error envelope", async () => {
    for (const body of [
      { target_url: "ftp://example.com/x", event_types: ["*"] },
      { target_url: "not a url", event_types: ["*"] },
      { target_url: receiver.url, event_types: [] },
      { target_url: receiver.url, event_types: ["user.exploded"] },
      { target_url: receiver.url },
    ]) {
      const res = await call("POST", "/webhook", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({
        statusCode: 400,
        code: expect.any(String),
        message: expect.any(String),
      });
    }
    expect((await call("GET", "/webhook/wh_nope")).status).toBe(404);
  });

  it("delivers a test event that the standardwebhooks package verifies; a tampered body or an old timestamp is rejected", async () => {
    const created = await create();
    receiver.secrets.push(created.body.secret);
    const queued = await call("POST", `/webhook/${created.body.id}/test`);
    expect(queued.status).toBe(202);
    const [got] = await receiver
      .waitFor((r) => r.some((x) => x.id === queued.body.id))
      .then((all) => all.filter((x) => x.id === queued.body.id));
    if (!got) throw new Error("not received");
    expect(got.verified).toBe(true);
    expect(got.status).toBe(200);
    expect(got.headers["content-type"]).toBe("application/json");
    expect(got.headers["user-agent"]).toMatch(/^Roster/);
    expect(got.json).toMatchObject({ type: "webhook.test", data: { webhook_id: created.body.id } });
    expect(Object.keys(got.json)).toEqual(["type", "timestamp", "data"]);
    const documented = await documentedWebhookEvent(roster.app);
    expect(documented.safeParse(JSON.parse(got.body)).error).toBeUndefined();
    const wh = new Webhook(created.body.secret);
    expect(() => wh.verify(got.body.replace("test", "tost"), got.headers)).toThrow();
    // A replay: a correctly signed message whose timestamp is 10 minutes old.
    const old = new Date(Date.now() - 10 * 60_000);
    const replay = {
      ...got.headers,
      "webhook-timestamp": String(Math.floor(old.getTime() / 1000)),
      "webhook-signature": wh.sign(got.id, old, got.body),
    };
    expect(() => wh.verify(got.body, replay)).toThrow(/too old/i);

    const log = await call("GET", `/webhook/${created.body.id}/deliveries`);
    expect(log.status).toBe(200);
    await expect
      .poll(async () => (await call("GET", `/webhook/${created.body.id}/deliveries`)).body.result[0]?.status)
      .toBe("succeeded");
    const entry = (await call("GET", `/webhook/${created.body.id}/deliveries`)).body.result[0];
    expect(entry).toMatchObject({ id: queued.body.id, type: "webhook.test", attempt_count: 1 });
    expect(entry.attempts).toEqual([
      expect.objectContaining({ status_code: 200, error: null, response_snippet: "answer 200" }),
    ]);
  });

  it("rotates the secret: both signatures are sent and both verify until the old one expires", async () => {
    const created = await create();
    const rotated = await call("POST", `/webhook/${created.body.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    expect(Date.parse(rotated.body.previous_secret_expires_at)).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    const queued = await call("POST", `/webhook/${created.body.id}/test`);
    const all = await receiver.waitFor((r) => r.some((x) => x.id === queued.body.id));
    const got = all.find((x) => x.id === queued.body.id);
    if (!got) throw new Error("not received");
    const signatures = got.headers["webhook-signature"]?.split(" ") ?? [];
    expect(signatures).toHaveLength(2);
    expect(signatures.every((s) => s.startsWith("v1,"))).toBe(true);
    expect(verifies(rotated.body.secret, got.body, got.headers)).toBe(true);
    expect(verifies(created.body.secret, got.body, got.headers)).toBe(true);
    for (const signature of signatures) {
      // Each signature on its own verifies with exactly one of the two secrets.
      const single = { ...got.headers, "webhook-signature": signature };
      const matches = [created.body.secret, rotated.body.secret].filter((s) => verifies(s, got.body, single));
      expect(matches).toHaveLength(1);
    }
  });

  it("keeps webhooks and their deliveries inside their environment", async () => {
    const created = await create();
    const queued = await call("POST", `/webhook/${created.body.id}/test`);
    const other = await new EnvironmentRepository(roster.context.store.db).ensure("other-env");
    const { token } = await roster.context.tokens.create(other.id);
    const headers = { authorization: `Bearer ${token}` };
    expect((await call("GET", `/webhook/${created.body.id}`, undefined, headers)).status).toBe(404);
    expect((await call("GET", `/webhook/${created.body.id}/deliveries`, undefined, headers)).status).toBe(
      404,
    );
    expect((await call("POST", `/webhook/${created.body.id}/test`, undefined, headers)).status).toBe(404);
    expect((await call("POST", `/webhook/${created.body.id}/rotate-secret`, undefined, headers)).status).toBe(
      404,
    );
    expect((await call("POST", `/webhook-delivery/${queued.body.id}/retry`, undefined, headers)).status).toBe(
      404,
    );
    expect((await call("DELETE", `/webhook/${created.body.id}`, undefined, headers)).status).toBe(404);
    expect((await call("GET", "/webhook", undefined, headers)).body.result).toEqual([]);
    expect((await call("DELETE", `/webhook/${created.body.id}`)).status).toBe(200);
    expect((await call("GET", `/webhook/${created.body.id}`)).status).toBe(404);
  });

  it("refuses cloud metadata endpoints even when private targets are allowed", async () => {
    for (const target_url of [
      "http://169.254.169.254/latest/meta-data/",
      "http://[fd00:ec2::254]/",
      "http://metadata.google.internal/computeMetadata/v1/",
      "http://169.254.170.2/v2/credentials/",
      "http://168.63.129.16/machine?comp=goalstate",
      "http://100.100.100.200/latest/meta-data/",
      "http://192.0.0.192/opc/v2/instance/",
      "http://2852039166/latest/meta-data/",
      "http://[::ffff:169.254.169.254]/",
      "http://[::169.254.169.254]/",
      "http://[64:ff9b::a9fe:a9fe]/",
      "http://[2002:a9fe:a9fe::]/",
      "http://[2001:0:4136:e378:8000:63bf:5601:5601]/",
    ]) {
      const res = await create({ target_url });
      expect(res.status, target_url).toBe(400);
      expect(res.body.code).toBe("invalid_webhook_target");
      expect(res.body.message).toMatch(/metadata/);
    }
  });
});

describe("webhook targets without ROSTER_ALLOW_PRIVATE_WEBHOOKS", () => {
  let roster: TestRoster;
  // Host names resolve through this stub, never through the network; the worker is off so nothing is sent.
  const dns: Record<string, string[]> = {
    localhost: ["127.0.0.1", "::1"],
    "hooks.example.com": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
    "intranet.example.com": ["10.20.30.40"],
    "partly-internal.example.com": ["93.184.216.34", "192.168.1.1"],
    "metadata-alias.example.com": ["::ffff:a9fe:a9fe"],
  };
  const resolveHost: ResolveHost = async (hostname) => {
    const addresses = dns[hostname];
    if (!addresses) throw Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  const create = (target_url: string) =>
    roster.app.inject({
      method: "POST",
      url: "/webhook",
      headers: roster.auth,
      payload: { target_url, event_types: ["*"] },
    });
  beforeAll(async () => {
    const sqlite = testDatabases.find((d) => d.name === "sqlite");
    if (!sqlite) throw new Error("no sqlite test database");
    roster = await startTestRoster({
      databaseUrl: await sqlite.create(),
      env: { ROSTER_JOBS: "off" },
      overrides: { resolveHost },
    });
  });
  afterAll(() => roster.close());

  it("accepts public IPv4 and IPv6 targets, and names that resolve to public addresses", async () => {
    for (const target_url of [
      "https://93.184.216.34/hooks",
      "https://8.8.8.8:8443/hooks",
      "http://1.1.1.1/",
      "https://[2606:4700:4700::1111]/hooks",
      "https://hooks.example.com/hooks",
    ]) {
      const res = await create(target_url);
      expect(res.statusCode, `${target_url}: ${res.body}`).toBe(201);
      expect(res.json().target_url).toBe(target_url);
    }
  });

  it("refuses loopback, private and link-local targets, by address or by name", async () => {
    for (const target_url of [
      "http://127.0.0.1:9999/hooks",
      "http://localhost:9999/hooks",
      "http://[::1]/",
      "http://10.1.2.3/",
      "http://192.168.0.10/",
      "http://172.20.0.1/",
      "http://169.254.10.10/",
      "http://100.64.0.1/",
      "http://0.0.0.0/",
      "http://[::ffff:127.0.0.1]/",
      "http://169.254.169.254/",
      "https://intranet.example.com/hooks",
      "https://partly-internal.example.com/hooks",
      "https://metadata-alias.example.com/hooks",
      "https://unknown.example.com/hooks",
    ]) {
      const res = await create(target_url);
      expect(res.statusCode, target_url).toBe(400);
      expect(res.json().code).toBe("invalid_webhook_target");
    }
  });

  it("refuses IPv6 forms that embed a private IPv4 address, and other spellings of loopback", async () => {
    for (const [target_url, meant] of [
      ["http://[::127.0.0.1]/", "127.0.0.1"],
      ["http://[::ffff:7f00:1]/", "127.0.0.1"],
      ["http://[::ffff:0:127.0.0.1]/", "127.0.0.1"],
      ["http://[64:ff9b::10.0.0.1]/", "10.0.0.1"],
      ["http://[64:ff9b:1::c0a8:101]/", "192.168.1.1"],
      ["http://[2002:c0a8:101::1]/", "192.168.1.1"],
      ["http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", "127.0.0.1"],
      ["http://2130706433/", "127.0.0.1"],
      ["http://0x7f.1/", "127.0.0.1"],
      ["http://0177.0.0.1/", "127.0.0.1"],
    ]) {
      const res = await create(target_url as string);
      expect(res.statusCode, target_url).toBe(400);
      expect(res.json()).toMatchObject({ statusCode: 400, code: "invalid_webhook_target" });
      expect(res.json().message, target_url).toContain(meant);
    }
  });
});
