/** The spec validator on its own, against a miniature spec. */
import { describe, expect, it } from "vitest";
import { componentRef, ref, responseSchema, validate } from "./spec-validator.ts";

describe("the validator itself", () => {
  const mini = {
    definitions: {
      A: { type: "object", required: ["id"], properties: { id: { type: "string" }, n: { type: "integer" } } },
      B: {
        allOf: [
          { $ref: "#/definitions/A" },
          { properties: { tags: { type: "array", items: { type: "string" } } } },
        ],
      },
    },
  };
  it("reports missing required fields, wrong types and bad items", () => {
    expect(validate(mini, ref("B"), { id: "x", n: 1, tags: ["a"] })).toEqual([]);
    expect(validate(mini, ref("B"), { n: 1.5, tags: [1] })).toEqual([
      "$: missing required id",
      "$.n: expected integer, got 1.5",
      "$.tags[0]: expected string, got 1",
    ]);
  });

  it("checks enums, additionalProperties and unknown $refs", () => {
    const spec = {
      definitions: {
        M: { type: "object", additionalProperties: { type: "integer" } },
        E: { type: "string", enum: ["a", "b"] },
      },
    };
    expect(validate(spec, ref("M"), { x: 1, y: "2" })).toEqual(['$.y: expected integer, got "2"']);
    expect(validate(spec, ref("E"), "c")).toEqual(['$: "c" not in enum']);
    expect(validate(spec, ref("Nope"), {})).toEqual(["$: unknown $ref #/definitions/Nope"]);
  });
});

describe("OpenAPI 3 documents", () => {
  const oas = {
    paths: {
      "/users/{id}": {
        get: {
          responses: {
            "200": { content: { "application/json": { schema: componentRef("Wrapped") } } },
            "404": { $ref: "#/components/responses/Error" },
          },
        },
        delete: { responses: { "204": { description: "deleted" } } },
      },
    },
    components: {
      responses: {
        Error: {
          content: {
            "application/json": {
              schema: { type: "object", properties: { error: { type: "object", required: ["message"] } } },
            },
          },
        },
      },
      schemas: {
        Base: { allOf: [{ type: "object", properties: { id: { type: "string", maxLength: 7 } } }] },
        Wrapped: {
          type: "object",
          properties: {
            user: { allOf: [{ $ref: "#/components/schemas/Base/allOf/0" }] },
            total: { type: "integer", nullable: true, minimum: 0 },
            owner: { oneOf: [componentRef("Ref"), componentRef("Full")] },
            meta: { nullable: true, anyOf: [{ type: "string" }, { type: "integer" }] },
          },
        },
        Ref: { type: "object", required: ["id"], properties: { type: { type: "string", enum: ["ref"] } } },
        Full: {
          type: "object",
          required: ["id", "name"],
          properties: { type: { type: "string", enum: ["full"] } },
        },
      },
    },
  };

  it("resolves JSON-pointer refs (array indexes, ~1 escapes) and honours nullable and bounds", () => {
    expect(
      validate(oas, componentRef("Wrapped"), { user: { id: "P123456" }, total: null, meta: null }),
    ).toEqual([]);
    expect(
      validate(oas, componentRef("Wrapped"), { user: { id: "P1234567" }, total: -1, meta: true }),
    ).toEqual([
      "$.user.id: longer than 7",
      "$.total: below 0",
      "$.meta: matches none of the anyOf branches",
      "$.meta: expected string, got true",
    ]);
    const error = responseSchema(oas, "/users/{id}", "GET", 404);
    expect(error && validate(oas, error, { error: {} })).toEqual(["$.error: missing required message"]);
  });

  it("oneOf needs exactly one matching branch", () => {
    const check = (owner: unknown) => validate(oas, componentRef("Wrapped"), { owner });
    expect(check({ id: "P1", type: "ref" })).toEqual([]);
    expect(check({ id: "P1", name: "x", type: "full" })).toEqual([]);
    expect(check({ id: "P1", name: "x" })).toEqual(["$.owner: matches 2 of 2 oneOf branches"]);
    expect(check({ type: "ref" })[0]).toBe("$.owner: matches 0 of 2 oneOf branches");
  });

  it("finds an operation's documented answer: a schema, null without a body, undefined when undocumented", () => {
    expect(responseSchema(oas, "/users/{id}", "get", 200)).toEqual(componentRef("Wrapped"));
    expect(responseSchema(oas, "/users/{id}", "delete", 204)).toBeNull();
    expect(responseSchema(oas, "/users/{id}", "delete", 429)).toBeUndefined();
    expect(responseSchema(oas, "/teams", "get", 200)).toBeUndefined();
  });
});
