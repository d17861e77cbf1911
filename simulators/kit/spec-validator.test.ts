/** The spec validator on its own, against a miniature spec. */
import { describe, expect, it } from "vitest";
import { ref, validate } from "./spec-validator.ts";

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
