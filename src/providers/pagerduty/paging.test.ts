import { describe, expect, it } from "vitest";
import { NARROWING_VALUES, nameContains } from "./paging.ts";

describe("PagerDuty narrowing", () => {
  it("partitions by every letter a–z and digit 0–9, each once", () => {
    expect([...NARROWING_VALUES].sort()).toEqual([..."0123456789abcdefghijklmnopqrstuvwxyz"]);
  });

  it("matches a value as a case-insensitive substring of the name only, never claiming more", () => {
    expect(nameContains({ name: "Łukasz Nowak" }, "k")).toBe(true);
    expect(nameContains({ name: "Łukasz Nowak" }, "l")).toBe(false);
    expect(nameContains({ name: "ZOË" }, "z")).toBe(true);
    expect(nameContains({ name: "Zoë", email: "e@x.example" }, "e")).toBe(false);
    expect(nameContains({ email: "a@b.c" }, "a")).toBe(false);
    expect(nameContains(null, "a")).toBe(false);
  });
});
