import { describe, expect, it } from "vitest";
import type { Session } from "../connections/sessions.ts";
import { CursorCodec } from "../core/cursor.ts";
import { providers } from "../providers/index.ts";
import { UnifiedExecutor } from "./executor.ts";

describe("UnifiedExecutor.resolve", () => {
  const executor = new UnifiedExecutor(new CursorCodec(Buffer.alloc(32, 7)));

  it.each(providers)("refuses names inherited from Object.prototype ($name)", (provider) => {
    const session = { provider } as Session;
    const [category = "", resources = {}] = Object.entries(provider.unified)[0] ?? [];
    const [resource = "", ops] = Object.entries(resources)[0] ?? [];
    expect(executor.resolve(session, category, resource)).toBe(ops);
    for (const [c, r] of [
      [category, "constructor"],
      [category, "__proto__"],
      ["constructor", "name"],
      ["hasOwnProperty", "length"],
    ]) {
      expect(() => executor.resolve(session, c ?? "", r ?? ""), `${c}/${r}`).toThrow(
        expect.objectContaining({ code: "unsupported_operation" }),
      );
    }
  });
});
