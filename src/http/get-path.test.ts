import { describe, expect, it } from "vitest";
import { getPath } from "./get-path.ts";

describe("getPath", () => {
  it("reads nested values", () => {
    expect(getPath({ a: { b: [1, 2] } }, "a.b")).toEqual([1, 2]);
    expect(getPath({ a: { b: null } }, "a.b")).toBeNull();
  });
  it("returns the value itself for an empty path", () => {
    expect(getPath([1], "")).toEqual([1]);
  });
  it("returns undefined for missing segments, primitives and inherited properties", () => {
    expect(getPath({ a: 1 }, "a.b")).toBeUndefined();
    expect(getPath({}, "x")).toBeUndefined();
    expect(getPath({}, "constructor")).toBeUndefined();
    expect(getPath(null, "a")).toBeUndefined();
  });
});
