import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../test/helpers/databases.ts";
import { startTestRoster, type TestRoster } from "../../test/helpers/roster.ts";

describe.each(testDatabases)("server basics on $name", (database) => {
  let roster: TestRoster;
  beforeAll(async () => {
    roster = await startTestRoster({
      databaseUrl: await database.create(),
      env: { ROSTER_BODY_LIMIT: "4096" },
    });
  });
  afterAll(() => roster.close());

  const expectEnvelope = (body: Record<string, unknown>, status: number, code: string) => {
    expect(body).toMatchObject({ statusCode: status, code });
    expect(typeof body.error).toBe("string");
    expect(typeof body.message).toBe("string");
    expect(JSON.stringify(body)).not.toMatch(/\bat .+\.ts:\d+/); // no stack traces
  };

  it("serves health, readiness, metrics, the OpenAPI document and the docs page without a token", async () => {
    expect((await roster.app.inject({ url: "/healthz" })).json()).toEqual({ status: "ok" });
    expect((await roster.app.inject({ url: "/readyz" })).json()).toEqual({ status: "ready" });
    const metrics = await roster.app.inject({ url: "/metrics" });
    expect(metrics.body).toContain("process_cpu_user_seconds_total");
    const openapi = (await roster.app.inject({ url: "/openapi.json" })).json();
    expect(openapi.openapi).toBe("3.1.0");
    expect(Object.keys(openapi.paths)).toContain("/integrated-account/{id}");
    expect(openapi.components.schemas.Error).toBeDefined();
    const docs = await roster.app.inject({ url: "/docs/" });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain(`src="js/scalar.js"`);
    expect(docs.body).toContain(`"url": "/openapi.json"`);
    expect(docs.body).not.toMatch(/https:\/\/cdn\./);
    expect((await roster.app.inject({ url: "/docs/js/scalar.js" })).statusCode).toBe(200);
  });

  it("puts an x-request-id on every response and keeps a sane one given by the caller", async () => {
    const fresh = await roster.app.inject({ url: "/healthz" });
    expect(fresh.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const given = await roster.app.inject({ url: "/nope", headers: { "x-request-id": "trace-123" } });
    expect(given.headers["x-request-id"]).toBe("trace-123");
    const hostile = await roster.app.inject({ url: "/healthz", headers: { "x-request-id": "<script>" } });
    expect(hostile.headers["x-request-id"]).not.toBe("<script>");
  });

  it("answers a missing, malformed or unknown token with 401 in the envelope", async () => {
    for (const authorization of [undefined, "Basic abc", "Bearer", "Bearer not-a-token"]) {
      const res = await roster.app.inject({
        url: "/integrated-account",
        headers: authorization ? { authorization } : {},
      });
      expect(res.statusCode).toBe(401);
      expectEnvelope(res.json(), 401, "unauthorized");
    }
  });

  it("answers an unknown route with 404 route_not_found", async () => {
    const res = await roster.app.inject({ url: "/no/such/route", headers: roster.auth });
    expect(res.statusCode).toBe(404);
    expectEnvelope(res.json(), 404, "route_not_found");
  });

  it("answers malformed JSON, wrong types, unknown fields and a wrong content type with 4xx", async () => {
    const post = (payload: string, contentType = "application/json") =>
      roster.app.inject({
        method: "POST",
        url: "/integrated-account",
        headers: { ...roster.auth, "content-type": contentType },
        payload,
      });
    const malformed = await post("{bad json");
    expect(malformed.statusCode).toBe(400);
    expectEnvelope(malformed.json(), 400, "invalid_json");

    const wrongType = await post(JSON.stringify({ integration: 5, tenant_id: "t", context: {} }));
    expect(wrongType.statusCode).toBe(400);
    expectEnvelope(wrongType.json(), 400, "validation_failed");
    expect(wrongType.json().message).toContain("integration");

    const unknownField = await post(
      JSON.stringify({ integration: "x", tenant_id: "t", context: {}, admin: true }),
    );
    expect(unknownField.statusCode).toBe(400);
    expectEnvelope(unknownField.json(), 400, "validation_failed");

    const text = await post("hello", "text/plain");
    expect(text.statusCode).toBe(415);
    expectEnvelope(text.json(), 415, "unsupported_media_type");
  });

  it("words refusals of a request body for a user, not in the framework's words", async () => {
    const post = (url: string, payload: string | undefined, headers: Record<string, string> = {}) =>
      roster.app.inject({
        method: "POST",
        url,
        headers: { ...roster.auth, "content-type": "application/json", ...headers },
        ...(payload === undefined ? {} : { payload }),
      });

    // A body that is not an object, or an unknown top-level field, is a fault of the body itself: "body".
    for (const payload of [
      "[1,2]",
      '"text"',
      "42",
      "null",
      '{"integration":"x","tenant_id":"t","context":{},"admin":1}',
    ]) {
      const res = await post("/integrated-account", payload);
      expectEnvelope(res.json(), 400, "validation_failed");
      expect(res.json().details.issues[0].path, payload).toBe("body");
      expect(res.json().message, payload).toMatch(/^body: /);
    }
    const nested = await post("/integrated-account", '{"integration":"x","tenant_id":"t","context":5}');
    expect(nested.json().details.issues[0].path).toBe("body.context");
    // An unknown credential field is named, not its object.
    const extra = await post(
      "/integrated-account",
      JSON.stringify({
        integration: "opsgenie",
        tenant_id: "t",
        context: { api_key: "k", base_url: "http://x" },
      }),
    );
    expectEnvelope(extra.json(), 400, "validation_failed");
    expect(extra.json().details.issues).toEqual([
      { path: "context.base_url", message: "is not a field of this integration's credentials" },
    ]);
    expect(extra.json().message).toBe("context.base_url: is not a field of this integration's credentials");

    for (const contentType of ["text/plain", "application/xml", "application/x-www-form-urlencoded"]) {
      const res = await post("/integrated-account", "a=1", { "content-type": contentType });
      expectEnvelope(res.json(), 415, "unsupported_media_type");
      expect(res.json().message, contentType).toContain("content-type: application/json");
      expect(res.json().message, contentType).toContain(`was sent as ${contentType})`);
      expect(res.json().details).toEqual({ content_type: contentType });
    }

    // An empty body under a JSON content type, on a route that needs a body and on one that takes none.
    for (const url of ["/integrated-account", "/webhook/wh_1/test"]) {
      const res = await post(url, undefined);
      expectEnvelope(res.json(), 400, "invalid_json");
      expect(res.json().message, url).toMatch(/^The request body is empty/);
      expect(res.json().message, url).not.toContain("'application/json'");
    }
  });

  it("says a cursor is not valid for the list it was sent to, whatever list it is", async () => {
    for (const url of ["/event", "/webhook", "/integrated-account", "/sync-job"]) {
      const res = await roster.app.inject({ url: `${url}?next_cursor=not-a-cursor`, headers: roster.auth });
      expectEnvelope(res.json(), 400, "invalid_cursor");
      expect(res.json().message, url).toMatch(/not valid for this list/);
      expect(res.json().message, url).not.toMatch(/account and resource/);
    }
  });

  it("answers an oversized body with 413", async () => {
    const res = await roster.app.inject({
      method: "POST",
      url: "/integrated-account",
      headers: { ...roster.auth, "content-type": "application/json" },
      payload: JSON.stringify({ integration: "x", tenant_id: "t", context: { api_key: "a".repeat(10_000) } }),
    });
    expect(res.statusCode).toBe(413);
    expectEnvelope(res.json(), 413, "payload_too_large");
    expect(res.json().message).toMatch(/larger than the \d+ bytes Roster accepts/);
    expect(res.json().details.limit_bytes).toBeGreaterThan(0);
  });

  it("answers an unknown integration with 422 unknown_integration", async () => {
    const res = await roster.app.inject({
      method: "POST",
      url: "/integrated-account",
      headers: roster.auth,
      payload: { integration: "nope", tenant_id: "t", context: { api_key: "k" } },
    });
    expect(res.statusCode).toBe(422);
    expectEnvelope(res.json(), 422, "unknown_integration");
  });

  it("answers bad query values and out-of-range limits with 400", async () => {
    for (const query of ["limit=0", "limit=1001", "limit=abc", "status=bogus", "unknown=1"]) {
      const res = await roster.app.inject({ url: `/integrated-account?${query}`, headers: roster.auth });
      expect(res.statusCode, query).toBe(400);
      expectEnvelope(res.json(), 400, "validation_failed");
    }
  });

  it("answers a malformed URL, a method no route serves and an over-long path parameter in its shape", async () => {
    const cases = [
      { method: "GET", url: "/integrated-account/%E0%A4%A", status: 400, code: "invalid_url" },
      { method: "GET", url: "/healthz%", status: 400, code: "invalid_url" },
      { method: "PROPFIND", url: "/healthz", status: 405, code: "method_not_allowed" },
      { method: "MKCOL", url: "/integrated-account", status: 405, code: "method_not_allowed" },
      {
        method: "GET",
        url: `/integrated-account/${"a".repeat(5000)}`,
        status: 400,
        code: "validation_failed",
      },
    ] as const;
    for (const { method, url, status, code } of cases) {
      const res = await roster.app.inject({ method, url, headers: roster.auth });
      expect(res.statusCode, `${method} ${url.slice(0, 40)}`).toBe(status);
      expectEnvelope(res.json(), status, code);
      expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    }
    // A method some route serves, on a path without it, is still an unknown route.
    const wrongMethod = await roster.app.inject({ method: "DELETE", url: "/healthz" });
    expectEnvelope(wrongMethod.json(), 404, "route_not_found");
  });

  it("answers requests Node cannot parse (oversize headers, unknown method tokens, broken framing) in its shape", async () => {
    await roster.app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = roster.app.server.address() as AddressInfo;
    const cases = [
      {
        request: `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
        status: 431,
        code: "headers_too_large",
      },
      { request: "BREW /healthz HTTP/1.1\r\nHost: x\r\n\r\n", status: 405, code: "method_not_allowed" },
      {
        request: "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
        status: 400,
        code: "bad_request",
      },
    ];
    for (const { request, status, code } of cases) {
      const answer = await rawExchange(port, request);
      const [head = "", body = ""] = answer.split("\r\n\r\n");
      expect(head, code).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(head).toMatch(/\r\nx-request-id: [0-9a-f-]{36}\r\n/i);
      expectEnvelope(JSON.parse(body), status, code);
    }
  });

  it("never writes the bearer token or credentials to the logs", async () => {
    await roster.app.inject({
      method: "POST",
      url: "/integrated-account",
      headers: roster.auth,
      payload: { integration: "nope", tenant_id: "t", context: { api_key: "LOG-CANARY-KEY" } },
    });
    const logs = roster.logs.join("");
    expect(logs).toContain("/integrated-account");
    expect(logs).not.toContain(roster.adminToken);
    expect(logs).not.toContain("LOG-CANARY-KEY");
  });

  it("logs request URLs with link tokens and secret query values redacted", async () => {
    const created = await roster.app.inject({
      method: "POST",
      url: "/link-token",
      headers: roster.auth,
      payload: { tenant_id: "t-logs" },
    });
    expect(created.statusCode).toBe(201);
    const token: string = created.json().link_token;
    const session = await roster.app.inject({ url: `/link-token/${token}/session` });
    expect(session.statusCode).toBe(200);
    await roster.app.inject({ url: `/link/${token}?integration=opsgenie` });
    await roster.app.inject({
      method: "POST",
      url: `/link-token/${token}/connect`,
      payload: { integration: "nope", context: { api_key: "x" } },
    });
    await roster.app.inject({
      url: "/integrated-account?limit=5&api_key=QUERY-CANARY",
      headers: roster.auth,
    });
    const logs = roster.logs.join("");
    expect(logs).not.toContain(token);
    expect(logs).not.toContain("QUERY-CANARY");
    expect(logs).toContain('"url":"/link-token/[redacted]/session"');
    expect(logs).toContain('"url":"/link-token/[redacted]/connect"');
    expect(logs).toContain('"url":"/link/[redacted]?integration=opsgenie"');
    expect(logs).toContain('"url":"/integrated-account?limit=5&api_key=[redacted]"');
  });
});

/** Sends raw bytes (what an HTTP client would refuse to send) and reads the answer until the server closes. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(request));
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => {
      answer += chunk;
    });
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
  });
}
