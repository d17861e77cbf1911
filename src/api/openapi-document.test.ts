import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../test/helpers/databases.ts";
import { startTestRoster, type TestRoster } from "../../test/helpers/roster.ts";
import { EVENT_TYPES, TEST_EVENT_TYPE } from "../webhooks/event-types.ts";

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: { maxLength?: number };
}
interface Operation {
  path: string;
  method: string;
  parameters: Parameter[];
  hasBody: boolean;
}

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/** Every operation of the served document, with the path parameters its path names. */
function operationsOf(document: { paths: Record<string, Record<string, unknown>> }): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.has(method))
      .map(([method, value]) => {
        const op = value as { parameters?: Parameter[]; requestBody?: unknown };
        return {
          path,
          method: method.toUpperCase(),
          parameters: op.parameters ?? [],
          hasBody: !!op.requestBody,
        };
      }),
  );
}

const namesInPath = (path: string) => [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? "");

describe.each(testDatabases)("the OpenAPI document on $name", (database) => {
  let roster: TestRoster;
  let operations: Operation[];
  let document: any;
  beforeAll(async () => {
    roster = await startTestRoster({ databaseUrl: await database.create() });
    document = (await roster.app.inject({ url: "/openapi.json" })).json();
    operations = operationsOf(document);
  });
  afterAll(() => roster.close());

  it("declares, for every operation, exactly the path parameters its path names, each bounded", () => {
    expect(operations.length).toBeGreaterThan(40);
    for (const { path, method, parameters } of operations) {
      const declared = parameters.filter((p) => p.in === "path");
      const where = `${method} ${path}`;
      expect(declared.map((p) => p.name).sort(), where).toEqual(namesInPath(path).sort());
      for (const parameter of declared) {
        expect(parameter.name, where).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
        expect(parameter.required, `${where} ${parameter.name}`).toBe(true);
        expect(parameter.schema?.maxLength, `${where} ${parameter.name}`).toBeGreaterThan(0);
      }
    }
  });

  it("routes every path parameter as long as its maxLength; one character more is 400 naming it", async () => {
    const send = async (op: Operation, longName: string, length: number) => {
      let url = op.path;
      for (const name of namesInPath(op.path))
        url = url.replace(`{${name}}`, name === longName ? "a".repeat(length) : "a");
      const query = op.parameters
        .filter((p) => p.in === "query" && p.required)
        .map((p) => `${p.name}=x`)
        .join("&");
      const res = await roster.app.inject({
        method: op.method as "GET",
        url: query ? `${url}?${query}` : url,
        headers: roster.auth,
        ...(op.hasBody ? { payload: {} } : {}),
      });
      return { status: res.statusCode, body: res.json() };
    };
    let checked = 0;
    for (const op of operations) {
      for (const parameter of op.parameters.filter((p) => p.in === "path")) {
        const where = `${op.method} ${op.path} ${parameter.name}`;
        const max = parameter.schema?.maxLength ?? 0;
        const fits = await send(op, parameter.name, max);
        expect(fits.status, where).toBeLessThan(500);
        const issues: { path: string }[] = fits.body.details?.issues ?? [];
        expect(
          issues.map((i) => i.path).filter((p) => p.startsWith("params")),
          where,
        ).toEqual([]);
        const over = await send(op, parameter.name, max + 1);
        expect(over.status, where).toBe(400);
        expect(over.body).toMatchObject({ code: "validation_failed" });
        expect(over.body.details.issues[0].path, where).toBe(`params.${parameter.name}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it("names, in its introduction, every operation that takes no bearer token", () => {
    const mentioned = [...String(document.info.description).matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? "");
    const named = (path: string) =>
      mentioned.some((m) => m === path || (m.endsWith("/...") && path.startsWith(m.slice(0, -3))));
    const open = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.values(item as Record<string, { security?: unknown[] }>)
        .filter((op) => Array.isArray(op.security) && op.security.length === 0)
        .map(() => path),
    );
    expect(open).toEqual(expect.arrayContaining(["/healthz", "/readyz", "/metrics"]));
    for (const path of open) expect(named(path), path).toBe(true);
    expect(named("/integrated-account")).toBe(false);
  });

  it("explains how webhook deliveries are signed and verified, on POST /webhook and its tag", () => {
    const create = document.paths["/webhook"].post.description as string;
    for (const words of [
      "webhook-id",
      "webhook-timestamp",
      "webhook-signature",
      "HMAC-SHA256",
      "{webhook-id}.{webhook-timestamp}.{body}",
      "whsec_",
      "base64-decoded",
      "rotate-secret",
      "v1,<new> v1,<old>",
      "5 minutes",
      "5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h",
      "410 Gone",
      "in the order they happened",
    ])
      expect(create, words).toContain(words);
    const tag = document.tags.find((t: { name: string }) => t.name === "webhooks");
    expect(tag.description).toContain("webhook-signature");
    // Declaring a tag keeps the order routes are registered in: /docs lists declared tags first.
    expect(document.tags[0].name).toBe("operations");
  });

  it("describes the delivered request in the webhooks section: three signed headers and the event body", () => {
    const entries = Object.values(document.webhooks) as { post: any }[];
    expect(entries).toHaveLength(1);
    const post = entries[0]?.post;
    expect(
      post.parameters.map((p: { name: string; in: string; required: boolean }) => [p.name, p.in, p.required]),
    ).toEqual([
      ["webhook-id", "header", true],
      ["webhook-timestamp", "header", true],
      ["webhook-signature", "header", true],
    ]);
    const ref: string = post.requestBody.content["application/json"].schema.$ref;
    const body = document.components.schemas[ref.replace("#/components/schemas/", "")];
    expect(body.required).toEqual(["type", "timestamp", "data"]);
    expect(body.properties.type.enum).toEqual([...EVENT_TYPES, TEST_EVENT_TYPE]);
  });
});
