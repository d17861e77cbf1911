/** Offset paging on its own: neighbour offsets, reading the window, filter/sort/slice into any envelope. */
import { describe, expect, it } from "vitest";
import { offsetList, pageOffsets, readWindow, type WindowParams } from "./offset-list.ts";

const params: WindowParams = {
  limitParam: "maxResults",
  offsetParam: "startAt",
  defaultLimit: 50,
  maxLimit: 100,
  invalid: (which, param) => new Error(`bad ${which} (${param})`),
};
const q = (s: string) => new URLSearchParams(s);

describe("pageOffsets", () => {
  it("first and last always; prev only after the first page; next only while items remain", () => {
    expect(pageOffsets(0, 100, 250)).toEqual({ first: 0, last: 200, next: 100 });
    expect(pageOffsets(200, 100, 250)).toEqual({ first: 0, last: 200, prev: 100 });
    expect(pageOffsets(3, 2, 10)).toEqual({ first: 0, last: 8, prev: 1, next: 5 });
    expect(pageOffsets(1, 5, 10)).toEqual({ first: 0, last: 5, prev: 0, next: 6 });
    expect(pageOffsets(0, 10, 0)).toEqual({ first: 0, last: 0 });
    expect(pageOffsets(1000, 100, 250)).toEqual({ first: 0, last: 200, prev: 900 });
  });
});

describe("readWindow", () => {
  it("uses the provider's parameter names, the default limit, and caps at the maximum", () => {
    expect(readWindow(q(""), params)).toEqual({ offset: 0, limit: 50 });
    expect(readWindow(q("maxResults=500&startAt=7"), params)).toEqual({ offset: 7, limit: 100 });
    expect(readWindow(q("maxResults=&startAt="), params)).toEqual({ offset: 0, limit: 50 });
  });

  it("refuses a limit below 1 or an offset below 0 with the provider's error, limit first", () => {
    expect(() => readWindow(q("maxResults=0"), params)).toThrow("bad limit (maxResults)");
    expect(() => readWindow(q("maxResults=1.5&startAt=-1"), params)).toThrow("bad limit (maxResults)");
    expect(() => readWindow(q("startAt=x"), params)).toThrow("bad offset (startAt)");
  });
});

describe("offsetList", () => {
  const items = [
    { id: "a", n: "2" },
    { id: "b", n: "1" },
    { id: "c", n: "2" },
    { id: "d", n: "3" },
  ];

  it("filters, sorts (ties keep their order in both directions) and slices a copy", () => {
    const ids = (order: "asc" | "desc") =>
      offsetList(items, { offset: 0, limit: 10, sortKey: (i) => i.n, order }, (p) =>
        p.items.map((i) => i.id),
      );
    expect(ids("asc")).toEqual(["b", "a", "c", "d"]);
    expect(ids("desc")).toEqual(["d", "a", "c", "b"]);
    expect(items.map((i) => i.id)).toEqual(["a", "b", "c", "d"]);
  });

  it("hands the page to the envelope: a PagerDuty-style body as an example", () => {
    const body = offsetList(items, { offset: 1, limit: 2, filter: (i) => i.id !== "d" }, (p) => ({
      users: p.items.map((i) => i.id),
      limit: p.limit,
      offset: p.offset,
      more: p.offsets.next !== undefined,
      total: p.total,
    }));
    expect(body).toEqual({ users: ["b", "c"], limit: 2, offset: 1, more: false, total: 3 });
  });
});
