import { describe, expect, it } from "vitest";
import { passedHeaders } from "./pass-headers.ts";

describe("passedHeaders", () => {
  const caller = {
    from: "ana@example.com",
    authorization: "Bearer roster-token",
    "x-api-key": "secret",
    "x-trace": ["t1", "t2"],
    accept: "text/html",
  };

  it("forwards only the headers the resource allows", () => {
    expect(passedHeaders(["From", "x-trace"], caller)).toEqual({ from: "ana@example.com", "x-trace": "t1" });
    expect(passedHeaders(undefined, caller)).toEqual({});
    expect(passedHeaders(["x-missing"], caller)).toEqual({});
  });

  it("never forwards credentials, even when a resource names them", () => {
    expect(passedHeaders(["authorization", "cookie", "x-api-key"], caller, "X-Api-Key")).toEqual({});
  });
});
