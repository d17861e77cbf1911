import { describe, expect, it } from "vitest";
import { errorCatalog } from "../core/errors.ts";
import { toErrorEnvelope } from "./error-envelope.ts";

describe("toErrorEnvelope", () => {
  it("maps a framework error whose code is an Object.prototype name like any unknown code", () => {
    for (const code of ["constructor", "__proto__", "toString"]) {
      const error = Object.assign(new Error("odd"), { code, statusCode: 400 });
      const body = toErrorEnvelope(error);
      expect(body, code).toMatchObject({ statusCode: 400, code: "bad_request", error: "Bad Request" });
      expect(Object.hasOwn(errorCatalog, body.code)).toBe(true);
    }
  });
});
