import { describe, expect, it } from "vitest";
import { splitFullName } from "./person-name.ts";

describe("splitFullName", () => {
  it("splits at the first run of whitespace and keeps the rest as the last name", () => {
    expect(splitFullName("Mary Ann Smith")).toEqual({ firstName: "Mary", lastName: "Ann Smith" });
    expect(splitFullName("Ana\tMaría  de la Cruz")).toEqual({
      firstName: "Ana",
      lastName: "María  de la Cruz",
    });
    expect(splitFullName("  Over   Limit  ")).toEqual({ firstName: "Over", lastName: "Limit" });
  });

  it("gives a single word as the first name and nulls for no name", () => {
    expect(splitFullName("Cher")).toEqual({ firstName: "Cher", lastName: null });
    expect(splitFullName(undefined)).toEqual({ firstName: null, lastName: null });
    expect(splitFullName(null)).toEqual({ firstName: null, lastName: null });
    expect(splitFullName("   ")).toEqual({ firstName: null, lastName: null });
  });
});
