import { describe, expect, it } from "vitest";
import type { OffsetMoreConfig } from "../../core/provider/pagination.ts";
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
      truncated: true,
    });
  });
});
