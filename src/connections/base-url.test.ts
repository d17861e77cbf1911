import { describe, expect, it } from "vitest";
import { providers } from "../providers/index.ts";
import { baseUrlFor } from "./base-url.ts";

describe.each(providers)("baseUrlFor ($name)", (provider) => {
  it("knows the provider's own regions only, never names inherited from Object.prototype", () => {
    const [region = "", { baseUrl } = { baseUrl: "" }] = Object.entries(provider.regions)[0] ?? [];
    expect(baseUrlFor(provider, region, {})).toBe(baseUrl.replace(/\/+$/, ""));
    for (const hostile of ["constructor", "__proto__", "toString"]) {
      expect(() => baseUrlFor(provider, hostile, {}), hostile).toThrow(
        expect.objectContaining({ code: "validation_failed" }),
      );
    }
  });
});
