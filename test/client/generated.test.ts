import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderClientFiles } from "../../scripts/client-codegen.ts";

const root = path.resolve(import.meta.dirname, "../..");

describe("the committed typed client", () => {
  // Building a Roster and rendering 5,000 lines of types takes seconds; a loaded CI machine gets room.
  it("equals a fresh generation from this checkout's OpenAPI document and catalogs (npm run generate:client)", {
    timeout: 120_000,
  }, async () => {
    const files = await renderClientFiles();
    expect(Object.keys(files).length).toBeGreaterThan(0);
    for (const [file, fresh] of Object.entries(files)) {
      const committed = fs.readFileSync(path.join(root, file), "utf8");
      // A plain boolean first: a diff of a 5,000-line file helps less than the instruction.
      expect(committed === fresh, `${file} is stale: run \`npm run generate:client\` and commit it`).toBe(
        true,
      );
    }
  });
});
