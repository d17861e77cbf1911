import { describe, expect, it } from "vitest";
import type { OffsetLinksConfig } from "../../core/provider/pagination.ts";
import { offsetLinks } from "./offset-links.ts";

const config: OffsetLinksConfig = {
  kind: "offset-links",
  itemsPath: "data",
  nextPath: "paging.next",
  maxLimit: 100,
};
const first = { position: null, limit: 100 };

describe("offset-links", () => {
  it("builds limit/offset queries and clamps the page size", () => {
    expect(offsetLinks.pageQuery(null, 500, config)).toEqual({ limit: "100", offset: "0" });
    expect(offsetLinks.pageQuery({ offset: "200" }, 50, config)).toEqual({ limit: "50", offset: "200" });
    expect(offsetLinks.pageQuery(null, 10, { ...config, limitParam: "size", offsetParam: "from" })).toEqual({
      size: "10",
      from: "0",
    });
  });

  it("takes the next offset from an absolute next link", () => {
    const body = {
      data: [{ id: "u1" }, { id: "u2" }],
      paging: {
        next: "https://host/v2/users?limit=100&offset=200&sort=username",
        first: "https://host/v2/users?limit=100&offset=0&sort=username",
      },
    };
    expect(offsetLinks.parse(body, {}, first, config)).toEqual({ items: body.data, next: { offset: "200" } });
  });

  it("accepts a relative next link and does not infer the end from a short page", () => {
    const body = { data: [{ id: "u1" }], paging: { next: "/v2/users?offset=1&limit=100" } };
    expect(offsetLinks.parse(body, {}, first, config).next).toEqual({ offset: "1" });
  });

  it("treats a missing next link as the last page, even for a full page", () => {
    const body = {
      data: Array.from({ length: 100 }, (_, i) => ({ id: i })),
      paging: { first: "https://host/x?offset=0" },
    };
    expect(offsetLinks.parse(body, {}, first, config)).toEqual({ items: body.data, next: null });
  });

  it("reports the list's total when the provider sends one", () => {
    const body = { data: [{ id: "u1" }], totalCount: 7, paging: { next: "/v2/users?offset=1" } };
    expect(offsetLinks.parse(body, {}, first, { ...config, totalPath: "totalCount" }).total).toBe(7);
    expect(offsetLinks.parse(body, {}, first, config).total).toBeUndefined();
  });

  it("can read the next link from a header", () => {
    const withHeader = { ...config, nextHeader: "X-Paging-Next" };
    const parsed = offsetLinks.parse(
      { data: [] },
      { "x-paging-next": "https://h/v2/users?offset=5" },
      first,
      withHeader,
    );
    expect(parsed.next).toEqual({ offset: "5" });
  });

  it("fails loudly on a malformed body or link", () => {
    expect(() => offsetLinks.parse({ items: [] }, {}, first, config)).toThrow(/no item list/);
    expect(() =>
      offsetLinks.parse({ data: [], paging: { next: "https://h/x?limit=1" } }, {}, first, config),
    ).toThrow(/offset/);
  });

  it("rejects a tampered position", () => {
    expect(() => offsetLinks.pageQuery({ offset: "-1" }, 10, config)).toThrow();
  });
});
