import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { freePort } from "../helpers/loopback-server.ts";
import { startTestRoster, type TestRoster } from "../helpers/roster.ts";
import { fastWebhooks, type Receiver, startReceiver } from "./receiver.ts";

describe.each(testDatabases)("webhook delivery retries on $name", (database) => {
  let roster: TestRoster;
  const receivers: Receiver[] = [];
  const call = async (method: string, url: string, payload?: object) => {
    const res = await roster.app.inject({ method: method as "GET", url, headers: roster.auth, payload });
    return { status: res.statusCode, body: res.body ? res.json() : null };
  };
  const deliveries = async (webhook: string) =>
    (await call("GET", `/webhook/${webhook}/deliveries`)).body.result;

  beforeAll(async () => {
    roster = await startTestRoster({ databaseUrl: await database.create(), env: fastWebhooks });
  });
  afterAll(async () => {
    await roster.close();
    await Promise.all(receivers.map((r) => r.close()));
  });

  it("a receiver that is down, then answers 500, then 200 gets every event exactly once as a success, in order", async () => {
    const port = await freePort();
    const created = await call("POST", "/webhook", {
      target_url: `http://127.0.0.1:${port}/hooks`,
      event_types: ["*"],
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const queued: string[] = [];
    for (let i = 0; i < 3; i++) queued.push((await call("POST", `/webhook/${id}/test`)).body.id);
    // Nobody listens yet: the first attempt is refused, and the lane waits for its retry.
    await expect
      .poll(async () => (await deliveries(id)).find((d: any) => d.id === queued[0])?.attempt_count ?? 0, {
        timeout: 5000,
      })
      .toBeGreaterThanOrEqual(1);
    const receiver = await startReceiver({ port, secrets: [created.body.secret] });
    receivers.push(receiver);
    let calls = 0;
    receiver.answer = (r) => (++calls === 1 ? 500 : r.verified ? 200 : 401);
    await receiver.waitFor(() => receiver.succeeded().size === 3);
    await new Promise((r) => setTimeout(r, 400));
    const succeeded = receiver.succeeded();
    expect([...succeeded.keys()]).toEqual(queued);
    for (const copies of succeeded.values()) expect(copies).toHaveLength(1);
    expect(receiver.received.every((r) => r.verified)).toBe(true);

    const log = await deliveries(id);
    expect(log.every((d: any) => d.status === "succeeded")).toBe(true);
    const first = log.find((d: any) => d.id === queued[0]);
    expect(first.attempts.map((a: any) => a.status_code)).toEqual([null, 500, 200]);
    expect(first.attempts[0].error).toMatch(/ECONNREFUSED/);
    expect(first.attempts[1]).toMatchObject({ error: "HTTP 500", response_snippet: "answer 500" });
    for (const attempt of first.attempts) {
      expect(attempt.duration_ms).toBeGreaterThanOrEqual(0);
      expect(Date.parse(attempt.attempted_at)).not.toBeNaN();
    }
    // The webhook-id stays the same across retries; the timestamp is fresh per attempt.
    const retried = receiver.received.filter((r) => r.id === queued[0]);
    expect(retried.map((r) => r.status)).toEqual([500, 200]);
  });

  it("410 Gone disables the endpoint and stops its deliveries", async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    receiver.answer = () => 410;
    const created = await call("POST", "/webhook", { target_url: receiver.url, event_types: ["*"] });
    const queued = await call("POST", `/webhook/${created.body.id}/test`);
    await expect
      .poll(async () => (await call("GET", `/webhook/${created.body.id}`)).body.status)
      .toBe("disabled");
    const webhook = (await call("GET", `/webhook/${created.body.id}`)).body;
    expect(webhook.disabled_reason).toMatch(/410/);
    const [delivery] = await deliveries(created.body.id);
    expect(delivery).toMatchObject({ id: queued.body.id, status: "dead", attempt_count: 1 });
    expect(receiver.received).toHaveLength(1);
    const again = await call("POST", `/webhook/${created.body.id}/test`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("webhook_disabled");
  });

  it("an endpoint failing for the whole schedule is disabled; a manual retry resends with the same webhook-id", async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    receiver.answer = () => 503;
    const created = await call("POST", "/webhook", { target_url: receiver.url, event_types: ["*"] });
    const queued = await call("POST", `/webhook/${created.body.id}/test`);
    await expect
      .poll(async () => (await call("GET", `/webhook/${created.body.id}`)).body.status, { timeout: 8000 })
      .toBe("disabled");
    const [delivery] = await deliveries(created.body.id);
    // One first attempt and one per step of the (test) schedule of four.
    expect(delivery).toMatchObject({ id: queued.body.id, status: "dead", attempt_count: 5 });
    expect(new Set(receiver.received.map((r) => r.id))).toEqual(new Set([queued.body.id]));
    const retry = await call("POST", `/webhook-delivery/${queued.body.id}/retry`);
    expect(retry.status).toBe(409);

    // On a live endpoint a retry sends the same delivery (same webhook-id) again.
    const ok = await startReceiver();
    receivers.push(ok);
    const live = await call("POST", "/webhook", { target_url: ok.url, event_types: ["*"] });
    ok.secrets.push(live.body.secret);
    const test = await call("POST", `/webhook/${live.body.id}/test`);
    await ok.waitFor((r) => r.length === 1);
    await expect.poll(async () => (await deliveries(live.body.id))[0]?.status).toBe("succeeded");
    const resent = await call("POST", `/webhook-delivery/${test.body.id}/retry`);
    expect(resent.status).toBe(202);
    await ok.waitFor((r) => r.length === 2);
    expect(ok.received.map((r) => r.id)).toEqual([test.body.id, test.body.id]);
    expect(ok.received[0]?.body).toBe(ok.received[1]?.body);
  });
});
