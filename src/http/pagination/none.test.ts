import { describe, expect, it } from "vitest";
import type { NoneConfig } from "../../core/provider/pagination.ts";
import { noPagination } from "./none.ts";

const config: NoneConfig = { kind: "none", itemsPath: "licenses" };
const body = { licenses: ["a", "b", "c", "d", "e"] };

describe("none", () => {
  it("sends no paging parameters", () => {
    expect(noPagination.pageQuery({ index: "2" }, 2, config)).toEqual({});
  });

  it("slices the full list locally", () => {
    const page1 = noPagination.parse(body, {}, { position: null, limit: 2 }, config);
    expect(page1).toEqual({ items: ["a", "b"], next: { index: "2" }, total: 5 });
    const page2 = noPagination.parse(body, {}, { position: page1.next, limit: 2 }, config);
    expect(page2).toEqual({ items: ["c", "d"], next: { index: "4" }, total: 5 });
    const page3 = noPagination.parse(body, {}, { position: page2.next, limit: 2 }, config);
    expect(page3).toEqual({ items: ["e"], next: null, total: 5 });
  });

  it("ends exactly at the last item and reads bare arrays", () => {
    expect(
      noPagination.parse(["x", "y"], {}, { position: null, limit: 2 }, { kind: "none", itemsPath: "" }),
    ).toEqual({
      items: ["x", "y"],
      next: null,
      total: 2,
    });
  });
});
