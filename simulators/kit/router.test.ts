/** The router on its own: specificity, 404 vs 405, empty segments and parameter decoding. */
import { describe, expect, it } from "vitest";
import { Router } from "./router.ts";

const routes = [
  { method: "GET", template: "/v2/schedules/:identifier", name: "get" },
  { method: "GET", template: "/v2/schedules/on-calls", name: "on-calls" },
  { method: "DELETE", template: "/v2/schedules/:identifier", name: "delete" },
  { method: "GET", template: "/v2/users", name: "list" },
];
const router = new Router(routes);
const name = (method: string, path: string): unknown => {
  const m = router.match(method, path);
  return m && "route" in m ? m.route.name : m;
};

describe("Router", () => {
  it("prefers static segments over parameters, whatever the declaration order", () => {
    expect(name("GET", "/v2/schedules/on-calls")).toBe("on-calls");
    expect(name("GET", "/v2/schedules/abc")).toBe("get");
    expect(name("DELETE", "/v2/schedules/abc")).toBe("delete");
  });

  it("tells an unknown path (undefined) from a known path with another method (405)", () => {
    expect(router.match("GET", "/v2/nothing")).toBeUndefined();
    expect(router.match("GET", "/v2/schedules/a/b")).toBeUndefined();
    expect(router.match("POST", "/v2/users")).toEqual({ methodNotAllowed: true });
  });

  it("ignores a trailing slash and percent-decodes parameters; a malformed escape does not match", () => {
    expect(name("GET", "/v2/users/")).toBe("list");
    expect(router.match("GET", "/v2/schedules/a%40b.com")).toMatchObject({
      params: { identifier: "a@b.com" },
    });
    expect(router.match("GET", "/v2/schedules/%E0%A4%A")).toBeUndefined();
  });
});
