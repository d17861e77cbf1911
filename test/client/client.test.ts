import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  createRosterClient,
  type Group,
  isRosterError,
  RosterError,
  type RosterEvent,
  type User,
  unwrap,
  verifyWebhook,
  WebhookVerificationError,
} from "@roster/client";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type ListeningWorld, startListeningWorld } from "../helpers/listening-world.ts";

interface Delivery {
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** A bare receiver: it keeps the raw bytes and headers, and verifies nothing (the client does). */
async function startRawReceiver() {
  const deliveries: Delivery[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      deliveries.push({ body: Buffer.concat(chunks).toString("utf8"), headers: req.headers });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    deliveries,
    async waitFor(type: string): Promise<Delivery> {
      for (let i = 0; i < 750; i++) {
        const found = deliveries.find((d) => JSON.parse(d.body).type === type);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(
        `no ${type} delivery; got ${deliveries.map((d) => JSON.parse(d.body).type).join(", ")}`,
      );
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe.each(testDatabases)("the typed client against a running Roster on $name", (database) => {
  let live: ListeningWorld;
  let requests: URL[];
  let roster: ReturnType<typeof createRosterClient>;

  beforeAll(async () => {
    live = await startListeningWorld({ databaseUrl: await database.create(), users: 30, teams: 4 });
    requests = [];
    roster = createRosterClient({
      baseUrl: live.url,
      token: live.token,
      fetch: (request) => {
        requests.push(new URL(request.url));
        return fetch(request);
      },
    });
  });
  afterAll(() => live?.close());

  it("lists users with typed parameters and a typed envelope", async () => {
    const { data, error } = await roster.GET("/unified/user-directory/users", {
      params: { query: { integrated_account_id: live.account, limit: 5 } },
    });
    expect(error).toBeUndefined();
    if (!data) throw new Error("no data");
    expectTypeOf(data.result).toEqualTypeOf<User[]>();
    expectTypeOf(data.next_cursor).toEqualTypeOf<string | null>();
    expect(data.result).toHaveLength(5);
    expect(data.result_count).toBe(5);
    expect(data.next_cursor).toEqual(expect.any(String));
    const user = await unwrap(
      roster.GET("/unified/user-directory/users/{id}", {
        params: { path: { id: data.result[0]?.id ?? "" }, query: { integrated_account_id: live.account } },
      }),
    );
    expectTypeOf(user).toEqualTypeOf<User>();
    expect(user.id).toBe(data.result[0]?.id);
  });

  it("iterates every page of a list: the same records as fetch_all, each once, one request per page", async () => {
    const all = await unwrap(
      roster.GET("/unified/user-directory/users", {
        params: { query: { integrated_account_id: live.account, fetch_all: "true" } },
      }),
    );
    expect(all.result.length).toBe(30);
    requests.length = 0;
    const iterated: User[] = [];
    for await (const user of roster.iterate("/unified/user-directory/users", {
      query: { integrated_account_id: live.account, limit: 7 },
    })) {
      expectTypeOf(user).toEqualTypeOf<User>();
      iterated.push(user);
    }
    expect(iterated.map((u) => u.id)).toEqual(all.result.map((u) => u.id));
    expect(new Set(iterated.map((u) => u.id)).size).toBe(30);
    expect(requests).toHaveLength(5); // 7 + 7 + 7 + 7 + 2
    expect(requests.slice(1).every((url) => url.searchParams.has("next_cursor"))).toBe(true);
  });

  it("iterates the stored directory, groups with members, after a sync started through the client", async () => {
    const job = await unwrap(roster.POST("/sync-job", { body: { integrated_account_id: live.account } }));
    const queued = await unwrap(roster.POST("/sync-job/{id}/run", { params: { path: { id: job.id } } }));
    let run = queued;
    while (run.status === "queued" || run.status === "running") {
      await new Promise((r) => setTimeout(r, 50));
      run = await unwrap(roster.GET("/sync-job-run/{id}", { params: { path: { id: queued.id } } }));
    }
    expect(run.status, run.error ?? "").toBe("completed");
    const groups: Group[] = [];
    for await (const group of roster.iterate("/unified/user-directory/groups", {
      query: { integrated_account_id: live.account, source: "store", include: "members", limit: 1 },
    }))
      groups.push(group);
    expect(groups.map((g) => g.id).sort()).toEqual([...live.world.us.directory.teams.keys()].sort());
    for (const group of groups) {
      const team = live.world.us.directory.teams.get(group.id);
      expect(group.members?.map((m) => m.id).sort()).toEqual([...(team?.members.keys() ?? [])].sort());
    }
    // Keyset-paged lists of Roster's own records iterate the same way.
    const accounts = [];
    for await (const account of roster.iterate("/integrated-account", { query: { limit: 1 } }))
      accounts.push(account);
    expect(accounts.map((a) => a.id)).toEqual([live.account]);
  });

  it("surfaces a 4xx as a typed error carrying Roster's code, in the answer and as a RosterError", async () => {
    const tampered = await roster.GET("/unified/user-directory/users", {
      params: { query: { integrated_account_id: live.account, next_cursor: "not-a-cursor" } },
    });
    expect(tampered.data).toBeUndefined();
    expect(tampered.response.status).toBe(400);
    expect(tampered.error?.code).toBe("invalid_cursor");

    const missing = await unwrap(
      roster.GET("/integrated-account/{id}", { params: { path: { id: "acc_missing" } } }),
    ).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(RosterError);
    if (!isRosterError(missing, "not_found")) throw new Error(`expected not_found, got ${missing}`);
    expect(missing.status).toBe(404);
    expect(missing.requestId).toEqual(expect.any(String));

    const stranger = createRosterClient({ baseUrl: live.url, token: "not-a-token-of-this-roster" });
    const walk = async () => {
      for await (const _ of stranger.iterate("/integrated-account")) throw new Error("read without a token");
    };
    await expect(walk()).rejects.toMatchObject({ name: "RosterError", status: 401, code: "unauthorized" });

    const invalid = await roster.POST("/webhook", {
      body: { target_url: "ftp://example.com", event_types: ["*"] },
    });
    expect(invalid.response.status).toBe(400);
    expect(["invalid_webhook_target", "validation_failed"]).toContain(invalid.error?.code);
  });

  it("verifies a real webhook delivery with the endpoint's secret and rejects a tampered or foreign one", async () => {
    const receiver = await startRawReceiver();
    try {
      const hook = await unwrap(
        roster.POST("/webhook", {
          body: { target_url: receiver.url, event_types: ["integrated_account.created"] },
        }),
      );
      expect(hook.secret).toMatch(/^whsec_/);
      await unwrap(roster.POST("/webhook/{id}/test", { params: { path: { id: hook.id } } }));
      const test = await receiver.waitFor("webhook.test");
      const event: RosterEvent = verifyWebhook(hook.secret, test.body, test.headers);
      expect(event).toMatchObject({ type: "webhook.test", data: { webhook_id: hook.id } });

      await live.world.link(live.world.us.apiKeys.full, "us", "tenant-client");
      const delivery = await receiver.waitFor("integrated_account.created");
      const created = verifyWebhook(
        hook.secret,
        delivery.body,
        new Headers(delivery.headers as Record<string, string>),
      );
      if (created.type !== "integrated_account.created") throw new Error(created.type);
      expect(created.data.record).toMatchObject({ tenant_id: "tenant-client", status: "active" });

      const tampered = delivery.body.replace("tenant-client", "tenant-mallory");
      expect(() => verifyWebhook(hook.secret, tampered, delivery.headers)).toThrow(WebhookVerificationError);
      const other = await unwrap(
        roster.POST("/webhook", { body: { target_url: receiver.url, event_types: ["user.created"] } }),
      );
      expect(() => verifyWebhook(other.secret, delivery.body, delivery.headers)).toThrow(
        WebhookVerificationError,
      );
      // While moving to a rotated secret, a receiver may hold both.
      expect(verifyWebhook([other.secret, hook.secret], delivery.body, delivery.headers).type).toBe(
        "integrated_account.created",
      );
      // A delivery replayed later, even correctly signed for its old timestamp, is refused.
      const id = String(delivery.headers["webhook-id"]);
      const then = new Date(Date.now() - 10 * 60_000);
      const replayed = {
        "webhook-id": id,
        "webhook-timestamp": String(Math.floor(then.getTime() / 1000)),
        "webhook-signature": new Webhook(hook.secret).sign(id, then, delivery.body),
      };
      expect(() => verifyWebhook(hook.secret, delivery.body, replayed)).toThrow(WebhookVerificationError);
      const now = new Date();
      const resent = {
        "webhook-id": id,
        "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
        "webhook-signature": new Webhook(hook.secret).sign(id, now, delivery.body),
      };
      expect(verifyWebhook(hook.secret, delivery.body, resent).type).toBe("integrated_account.created");
      const { "webhook-signature": _, ...unsigned } = delivery.headers;
      expect(() => verifyWebhook(hook.secret, delivery.body, unsigned)).toThrow(WebhookVerificationError);
    } finally {
      await receiver.close();
    }
  });
});
