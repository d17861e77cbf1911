import { describe, expect, it } from "vitest";
import { fieldHidden, hidesRecords, recordVanished, resourceNotPermitted } from "./warnings.ts";

describe("warnings", () => {
  it("a hidden field names the record and the field, and protects no record from a sync's deletes", () => {
    const w = fieldHidden("user", "557058:ab", "e-mail", "its owner's profile visibility hides it.");
    expect(w).toEqual({
      code: "field_hidden",
      id: "557058:ab",
      message: "The user 557058:ab has no e-mail: its owner's profile visibility hides it.",
    });
    expect(hidesRecords(w)).toBe(false);
    expect(hidesRecords(resourceNotPermitted("teams", undefined))).toBe(true);
    expect(hidesRecords(recordVanished("team", "t1"))).toBe(false);
  });
});
