/**
 * The official PagerDuty client, `@pagerduty/pdjs` 2.2.4, against the simulator, unchanged: `api({ token })`
 * with its shorthands, `res.next()`, `api.all()` and a create with `From`. The client always calls
 * `https://<server>/<path>` (api.pagerduty.com by default) through node-fetch, which takes an `agent`
 * option: the agent below opens a plain loopback socket to the simulator whatever host is asked for, so every
 * byte stays on 127.0.0.1 (the stats assert that each call arrived) and the client sends exactly what it would
 * send to PagerDuty, Host header included.
 */
import { Agent } from "node:https";
import { createRequire } from "node:module";
import { connect, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { must } from "../kit/test-helpers.ts";
import { useSimulator } from "./test-helpers.ts";

interface PdResponse {
  status: number;
  data: any;
  resource: any;
  next?: () => Promise<PdResponse>;
}
type Shorthand = (endpoint: string, params?: Record<string, unknown>) => Promise<PdResponse>;
interface PartialCall {
  get: Shorthand;
  post: Shorthand;
  put: Shorthand;
  delete: Shorthand;
  all: Shorthand;
}
interface Pdjs {
  api(params: Record<string, unknown>): PartialCall;
}

function loadPdjs(): Pdjs | undefined {
  try {
    return createRequire(import.meta.url)("@pagerduty/pdjs") as Pdjs;
  } catch {
    return undefined;
  }
}

const pdjs = loadPdjs();
if (!pdjs) console.warn("[pagerduty simulator] skipping the pdjs test: @pagerduty/pdjs is not installed");

/** An https agent whose every connection is a plain TCP socket to 127.0.0.1:`port`. */
class LoopbackAgent extends Agent {
  constructor(private readonly port: number) {
    super({ keepAlive: false });
  }

  override createConnection(): Socket {
    return connect(this.port, "127.0.0.1");
  }
}

describe.skipIf(!pdjs)("official @pagerduty/pdjs against the simulator", () => {
  const sim = useSimulator({ seed: 91, users: 140, teams: 6 });
  const client = (token = sim().apiKeys.full) =>
    must(pdjs).api({ token, agent: new LoopbackAgent(sim().port) });

  it("api.get('/users') pages with res.next(), and api.all() walks every page", async () => {
    sim().resetStats();
    const pd = client();
    const first = await pd.get("/users");
    expect(first.status).toBe(200);
    expect(first.resource).toHaveLength(25);
    expect(first.data).toMatchObject({ limit: 25, offset: 0, more: true });
    const second = await must(first.next)();
    expect(second.data.offset).toBe(25);
    expect(second.resource[0].id).not.toBe(first.resource[0].id);

    const all = await pd.all("/users", { data: { limit: 100 } });
    expect(all.resource).toHaveLength(140);
    expect(new Set(all.resource.map((u: { id: string }) => u.id)).size).toBe(140);
    // 2 pages by hand, then 2 pages of 100: all four reached the simulator.
    expect(sim().stats().byEndpoint["GET /users"]).toBe(4);
  });

  it("gets a user by id, creates one with From, and sees the simulator's errors", async () => {
    const pd = client();
    const someone = must(sim().directory.sortedUsers()[7]);
    const got = await pd.get(`/users/${someone.id}`);
    expect(got.data.user).toMatchObject({ id: someone.id, email: someone.email });

    const created = await pd.post("/users", {
      data: {
        user: { type: "user", name: "Pd Client", email: "pd.client@example.com", role: "limited_user" },
      },
      headers: { From: sim().keyUsers.user.email },
    });
    expect(created.status).toBe(201);
    expect(created.resource).toMatchObject({ name: "Pd Client", role: "limited_user" });
    expect(sim().directory.findUserByEmail("pd.client@example.com")?.id).toBe(created.resource.id);

    const missing = await pd.get("/users/PNOSUCH");
    expect(missing.status).toBe(404);
    expect(missing.data).toEqual({ error: { message: "Not Found", code: 2100 } });
    const denied = await client(sim().apiKeys.restrictedUser).get("/users");
    expect(denied.status).toBe(403);
  });
});
