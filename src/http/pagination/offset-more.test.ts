import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { OffsetMoreConfig, PagePosition } from "../../core/provider/pagination.ts";
import { offsetMore } from "./offset-more.ts";

const config: OffsetMoreConfig = {
  kind: "offset-more",
  itemsPath: "users",
  maxLimit: 100,
  maxOffsetPlusLimit: 10_000,
};

describe("offset-more", () => {
  it("builds limit/offset queries, clamped to maxLimit and the offset ceiling", () => {
    expect(offsetMore.pageQuery(null, 25, config)).toEqual({ limit: "25", offset: "0" });
    expect(offsetMore.pageQuery({ offset: "50" }, 1000, config)).toEqual({ limit: "100", offset: "50" });
    expect(offsetMore.pageQuery({ offset: "9950" }, 100, config)).toEqual({ limit: "50", offset: "9950" });
  });

  it("advances by the items returned while more is true", () => {
    const body = { users: [{ id: "P1" }, { id: "P2" }], limit: 25, offset: 25, more: true, total: null };
    expect(offsetMore.parse(body, {}, { position: { offset: "25" }, limit: 25 }, config)).toEqual({
      items: body.users,
      next: { offset: "27" },
    });
  });

  it("ends when more is false or absent", () => {
    const body = { users: [{ id: "P1" }], limit: 25, offset: 0, more: false };
    expect(offsetMore.parse(body, {}, { position: null, limit: 25 }, config).next).toBeNull();
    expect(offsetMore.parse({ users: [{}] }, {}, { position: null, limit: 25 }, config).next).toBeNull();
  });

  it("never loops on an empty page that claims more", () => {
    expect(
      offsetMore.parse({ users: [], more: true }, {}, { position: null, limit: 25 }, config).next,
    ).toBeNull();
  });

  it("stops at the offset ceiling and says the list was truncated", () => {
    const body = { users: Array.from({ length: 100 }, () => ({})), more: true };
    expect(offsetMore.parse(body, {}, { position: { offset: "9900" }, limit: 100 }, config)).toMatchObject({
      next: null,
      truncated: { message: expect.stringContaining("at most 10000 records") },
    });
  });
});

/** A provider list `{ users, limit, offset, more, total }` with an offset ceiling and a substring `query` on names. */
function fakeProvider(names: readonly string[], ceiling: number) {
  let requests = 0;
  return {
    get requests() {
      return requests;
    },
    answer(query: Record<string, string>) {
      requests++;
      const limit = Number(query.limit);
      const offset = Number(query.offset);
      if (offset + limit > ceiling) throw new Error(`400: offset ${offset} + limit ${limit} > ${ceiling}`);
      const q = query.query?.toLowerCase();
      const matching = names
        .map((name, id) => ({ id, name }))
        .filter((user) => q === undefined || user.name.toLowerCase().includes(q));
      return {
        users: matching.slice(offset, offset + limit),
        limit,
        offset,
        more: offset + limit < matching.length,
        total: query.total === "true" ? matching.length : null,
      };
    },
  };
}

const nameOf = (item: unknown) => (item as { name: string }).name.toLowerCase();

function narrowedConfig(ceiling: number, values: readonly string[]): OffsetMoreConfig {
  return {
    ...config,
    maxOffsetPlusLimit: ceiling,
    narrowing: { param: "query", values, matches: (item, value) => nameOf(item).includes(value) },
  };
}

/** Walks the list as the engine does: pageQuery, the provider's answer, parse, until `next` is null. */
function walk(provider: ReturnType<typeof fakeProvider>, walkConfig: OffsetMoreConfig, limit: number) {
  const ids: number[] = [];
  const queries: Record<string, string>[] = [];
  let position: PagePosition | null = null;
  let truncated: string | undefined;
  do {
    const query = offsetMore.pageQuery(position, limit, walkConfig);
    queries.push(query);
    const page = offsetMore.parse(provider.answer(query), {}, { position, limit }, walkConfig);
    ids.push(...page.items.map((item) => (item as { id: number }).id));
    truncated = page.truncated?.message;
    position = page.next;
  } while (position);
  return { ids, queries, truncated };
}

describe("offset-more narrowing past the ceiling", () => {
  const letters = [..."abcdefghijklmnopqrstuvwxyz"];

  it("walks a list within the ceiling plainly: one count on the first page, no partitions", () => {
    const names = Array.from({ length: 45 }, (_, i) => `user ${i}`);
    const result = walk(fakeProvider(names, 50), narrowedConfig(50, letters), 10);
    expect(result.ids.sort((a, b) => a - b)).toEqual(names.map((_, i) => i));
    expect(result.queries[0]).toEqual({ limit: "10", offset: "0", total: "true" });
    expect(result.queries.slice(1).every((q) => q.query === undefined && q.total === undefined)).toBe(true);
    expect(result.truncated).toBeUndefined();
  });

  it("reaches every record of a list past the ceiling exactly once, by partitions", () => {
    const first = ["ann", "bob", "eve", "zoe", "kim"];
    const names = Array.from({ length: 230 }, (_, i) => `${first[i % first.length]} ${letters[i % 26]}x`);
    const provider = fakeProvider(names, 100);
    const result = walk(provider, narrowedConfig(100, letters), 30);
    expect(result.ids).toHaveLength(names.length);
    expect(new Set(result.ids).size).toBe(names.length);
    expect(result.truncated).toBeUndefined();
    // Without narrowing the same list stops at the ceiling and says so.
    const plain = walk(fakeProvider(names, 100), { ...config, maxOffsetPlusLimit: 100 }, 30);
    expect(plain.ids).toHaveLength(100);
    expect(plain.truncated).toMatch(/at most 100/);
  });

  it("stops as soon as it has kept as many records as the provider counted", () => {
    const names = [
      ...Array.from({ length: 80 }, (_, i) => `a${i}`),
      ...Array.from({ length: 70 }, (_, i) => `b${i}`),
    ];
    const result = walk(fakeProvider(names, 100), narrowedConfig(100, letters), 50);
    expect(new Set(result.ids).size).toBe(150);
    expect(result.queries.map((q) => q.query ?? "-")).toEqual(["-", "a", "a", "b", "b"]);
    expect(result.truncated).toBeUndefined();
  });

  it("reports what it cannot reach: names in no partition, and partitions at the ceiling", () => {
    const names = [...Array.from({ length: 120 }, (_, i) => `b${i}`), "李明", "王芳"];
    const missing = walk(fakeProvider(names, 100), narrowedConfig(100, ["b", "c"]), 40);
    expect(new Set(missing.ids).size).toBe(100);
    expect(missing.truncated).toMatch(/^22 of 122 records could not be reached/);
    expect(missing.truncated).toMatch(/query=b reached that ceiling/);

    const outside = [
      ...Array.from({ length: 60 }, (_, i) => `c${i}`),
      ...Array.from({ length: 41 }, (_, i) => `d${i}`),
      "李明",
    ];
    const report = walk(fakeProvider(outside, 100), narrowedConfig(100, ["c", "d"]), 40).truncated;
    expect(report).toMatch(/^1 of 102 records .* none of the narrowed lists \(query=c\|d\)/);
  });

  it("never returns a record twice and reports exactly how many it missed, for any directory", () => {
    const alphabet = fc.constantFrom(..."abcxyz 1李");
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: alphabet, minLength: 1, maxLength: 6 }), { minLength: 0, maxLength: 160 }),
        fc.integer({ min: 1, max: 40 }),
        (names, limit) => {
          const result = walk(
            fakeProvider(names, 50),
            narrowedConfig(50, ["x", "z", "c", "b", "a", "1"]),
            limit,
          );
          expect(new Set(result.ids).size).toBe(result.ids.length);
          const missed = names.length - result.ids.length;
          if (missed === 0) expect(result.truncated).toBeUndefined();
          else expect(result.truncated).toMatch(new RegExp(`^${missed} of ${names.length} records`));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses a tampered partition position", () => {
    const narrowedList = narrowedConfig(100, ["a", "b"]);
    expect(() => offsetMore.pageQuery({ part: "2", offset: "0" }, 10, narrowedList)).toThrow(/cursor/);
    expect(() =>
      offsetMore.parse(
        { users: [], more: false },
        {},
        { position: { part: "0", cut: "x" }, limit: 10 },
        narrowedList,
      ),
    ).toThrow(/cursor/);
    expect(() =>
      offsetMore.parse({ users: [], more: false }, {}, { position: { part: "0" }, limit: 10 }, config),
    ).toThrow(/cursor/);
  });

  it("with moreWhen items, reads a bare array on after short pages and stops at the first empty one", () => {
    const bare: OffsetMoreConfig = {
      kind: "offset-more",
      itemsPath: "",
      moreWhen: "items",
      offsetParam: "startAt",
      limitParam: "maxResults",
    };
    const request = (offset: string) => ({ position: { offset }, limit: 50 });
    expect(offsetMore.pageQuery({ offset: "7" }, 50, bare)).toEqual({ maxResults: "50", startAt: "7" });
    // A short page (7 of 50) is not the last.
    expect(offsetMore.parse(Array(7).fill({}), {}, request("0"), bare).next).toEqual({ offset: "7" });
    expect(offsetMore.parse([], {}, request("7"), bare).next).toBeNull();
  });
});
