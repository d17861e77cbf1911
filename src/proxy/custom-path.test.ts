import { describe, expect, it } from "vitest";
import { customHost, safeCustomPath } from "./custom-path.ts";

const refusal = (why: RegExp) =>
  expect.objectContaining({ code: "invalid_path", message: expect.stringMatching(why) });

describe("safeCustomPath", () => {
  it("keeps relative provider paths, percent-encoding included", () => {
    expect(safeCustomPath("/v2/account")).toBe("/v2/account");
    expect(safeCustomPath("v2/users/a%40example.com")).toBe("/v2/users/a%40example.com");
  });

  it.each([
    "/http://169.254.169.254/latest",
    "/http%3A%2F%2F169.254.169.254%2Flatest",
    "/HTTPS%3a%2f%2fexample.com",
    "/file%3A%2F%2F%2Fetc%2Fpasswd",
    "/javascript%3Aalert(1)",
    "/v2/x%3A%2F%2Fexample.com",
  ])("refuses the absolute URL %s, encoded or not", (path) => {
    expect(() => safeCustomPath(path)).toThrow(refusal(/absolute URLs/));
  });

  it.each(["//example.com/x", "/%2F%2Fexample.com/x"])("refuses the protocol-relative %s", (path) => {
    expect(() => safeCustomPath(path)).toThrow(expect.objectContaining({ code: "invalid_path" }));
  });
});

describe("customHost", () => {
  const hosts = { site: {}, api: {} };
  it("picks a declared host by name and does not forward the parameter", () => {
    expect(customHost(hosts, { host: "site", limit: "5" })).toEqual({ host: "site", query: { limit: "5" } });
    expect(customHost(hosts, { limit: "5" })).toEqual({ query: { limit: "5" } });
  });
  it("refuses a name the provider does not declare, URLs and prototype keys included", () => {
    for (const host of ["evil.com", "https://evil.com", "constructor", "__proto__", ""]) {
      expect(() => customHost(hosts, { host })).toThrow(refusal(/host must be one of site, api/));
    }
  });
  it("leaves host alone for a provider with one host", () => {
    expect(customHost(undefined, { host: "x" })).toEqual({ query: { host: "x" } });
  });
});
