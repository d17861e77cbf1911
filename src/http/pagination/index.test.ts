import { describe, expect, it } from "vitest";
import type { PaginationSpec as PaginationConfig } from "../../core/provider/pagination.ts";
import { pageQuery, paginationStrategies, parsePage } from "./index.ts";

describe("pagination registry", () => {
  it("holds the closed set of strategies keyed by kind", () => {
    expect(Object.keys(paginationStrategies).sort()).toEqual([
      "cursor",
      "none",
      "offset-links",
      "offset-more",
    ]);
    for (const [kind, strategy] of Object.entries(paginationStrategies)) expect(strategy.kind).toBe(kind);
  });

  it("dispatches on the config kind", () => {
    const config: PaginationConfig = { kind: "offset-more", itemsPath: "teams" };
    expect(pageQuery(config, { offset: "3" }, 2)).toEqual({ limit: "2", offset: "3" });
    expect(
      parsePage(config, { teams: [1, 2], more: true }, {}, { position: { offset: "3" }, limit: 2 }),
    ).toEqual({
      items: [1, 2],
      next: { offset: "5" },
    });
  });
});
