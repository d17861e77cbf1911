import { describe, expect, it } from "vitest";
import type { CursorConfig } from "../../core/provider/pagination.ts";
import { cursorPagination } from "./cursor.ts";

const config: CursorConfig = {
  kind: "cursor",
  itemsPath: "records",
  nextCursorPath: "next_cursor",
  maxLimit: 100,
};

describe("cursor", () => {
  it("sends no cursor on the first page and the stored one afterwards", () => {
    expect(cursorPagination.pageQuery(null, 500, config)).toEqual({ limit: "100" });
    expect(
      cursorPagination.pageQuery({ cursor: "abc" }, 10, { ...config, cursorParam: "page_token" }),
    ).toEqual({
      limit: "10",
      page_token: "abc",
    });
  });

  it("returns the next cursor from the body until it is null", () => {
    const request = { position: null, limit: 10 };
    const body = { records: [{ id: 1 }], limit: 10, next_cursor: "c2" };
    expect(cursorPagination.parse(body, {}, request, config)).toEqual({
      items: body.records,
      next: { cursor: "c2" },
    });
    expect(cursorPagination.parse({ records: [], next_cursor: null }, {}, request, config).next).toBeNull();
    expect(cursorPagination.parse({ records: [] }, {}, request, config).next).toBeNull();
    expect(cursorPagination.parse({ records: [], next_cursor: "" }, {}, request, config).next).toBeNull();
  });
});
