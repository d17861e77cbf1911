import { describe, expect, it } from "vitest";
import { AppError } from "../../core/errors.ts";
import { PageWalk } from "./walk-guard.ts";

const limits = { maxPages: 50 };

function loopError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a paging loop");
}

describe("PageWalk", () => {
  it("lets a walk that moves forward run to its end", () => {
    const walk = new PageWalk("Acme users", limits);
    expect(walk.step(null, { next: { offset: "100" }, count: 100, total: 250 })).toEqual({ offset: "100" });
    expect(walk.step({ offset: "100" }, { next: { offset: "200" }, count: 100, total: 250 })).toEqual({
      offset: "200",
    });
    expect(walk.step({ offset: "200" }, { next: null, count: 50, total: 250 })).toBeNull();
  });

  it("refuses a last page that names its own offset, as a 502 naming the list and the position", () => {
    const walk = new PageWalk("Acme users", limits);
    walk.step(null, { next: { offset: "100" }, count: 100 });
    const error = loopError(() => walk.step({ offset: "100" }, { next: { offset: "100" }, count: 7 }));
    expect(error.code).toBe("provider_paging_loop");
    expect(error.status).toBe(502);
    expect(error.message).toMatch(/^Acme users: .*offset=100/);
    expect(error.details).toMatchObject({ next_position: { offset: "100" }, pages_read: 2 });
  });

  it("refuses a first page whose next offset is 0 again, and offsets that go backwards", () => {
    expect(
      loopError(() => new PageWalk("x", limits).step(null, { next: { offset: "0" }, count: 7 })).code,
    ).toBe("provider_paging_loop");
    const walk = new PageWalk("x", limits);
    walk.step(null, { next: { index: "10" }, count: 10 });
    walk.step({ index: "10" }, { next: { index: "20" }, count: 10 });
    expect(() => walk.step({ index: "20" }, { next: { index: "15" }, count: 10 })).toThrow(
      /does not move forward/,
    );
  });

  it("refuses an opaque cursor already read in this walk", () => {
    const walk = new PageWalk("x", limits);
    walk.step(null, { next: { cursor: "b" }, count: 1 });
    walk.step({ cursor: "b" }, { next: { cursor: "c" }, count: 1 });
    expect(() => walk.step({ cursor: "c" }, { next: { cursor: "b" }, count: 1 })).toThrow(/already read/);
  });

  it("caps the pages at what the reported total needs, plus a margin", () => {
    const walk = new PageWalk("x", { maxPages: 1000, totalMargin: 2 });
    let position: { offset: string } | null = null;
    const read = () => {
      const offset = Number(position?.offset ?? 0);
      // A provider whose next link keeps growing past the end of a 7-record list.
      position = walk.step(position, {
        next: { offset: String(offset + 5) },
        count: offset < 7 ? 5 : 0,
        total: 7,
      }) as {
        offset: string;
      };
    };
    read();
    read();
    read();
    expect(read).toThrow(/4 pages of up to 5 records were read for a list of 7/);
  });

  it("caps the pages at maxPages when no total is known", () => {
    const walk = new PageWalk("x", { maxPages: 3 });
    walk.step(null, { next: { cursor: "1" }, count: 1 });
    walk.step({ cursor: "1" }, { next: { cursor: "2" }, count: 1 });
    expect(() => walk.step({ cursor: "2" }, { next: { cursor: "3" }, count: 1 })).toThrow(
      /3 pages were read/,
    );
  });

  it("lets a narrowing strategy start each part at offset 0, and still catches a loop inside a part", () => {
    const walk = new PageWalk("x", { maxPages: 1000 });
    // First page: the list is too long, the walk moves to part 0 of its narrowed queries.
    expect(walk.step(null, { next: { part: "0", offset: "0" }, count: 0, total: 12_000 })).toEqual({
      part: "0",
      offset: "0",
    });
    walk.step({ part: "0", offset: "0" }, { next: { part: "0", offset: "100" }, count: 100, total: 150 });
    walk.step({ part: "0", offset: "100" }, { next: { part: "1", offset: "0" }, count: 50, total: 150 });
    expect(() =>
      walk.step({ part: "1", offset: "0" }, { next: { part: "1", offset: "0" }, count: 100, total: 900 }),
    ).toThrow(/names itself/);
    expect(() =>
      walk.step({ part: "1", offset: "100" }, { next: { part: "1", offset: "50" }, count: 100, total: 900 }),
    ).toThrow(/does not move forward/);
    expect(() =>
      walk.step({ part: "1", offset: "200" }, { next: { part: "0", offset: "0" }, count: 100, total: 900 }),
    ).toThrow(/already read/);
  });
});
