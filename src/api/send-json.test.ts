import { describe, expect, it } from "vitest";
import { encodeJson, encodeUtf8 } from "./send-json.ts";

describe("encodeUtf8", () => {
  const texts = {
    empty: "",
    ascii: '{"name":"Ada Lovelace"}'.repeat(500),
    "a few accents": `${"x".repeat(10_000)}José Müller Ångström`,
    "all two-byte": "Зоя Космодемьянская ".repeat(300),
    "all three-byte": "山田太郎".repeat(2_000),
    "emoji (surrogate pairs)": "👩‍💻🚒".repeat(2_000),
    "lone surrogates": `a\ud800b\udc00`.repeat(1_000),
    "non-ASCII at the very end": `${"a".repeat(4_096)}€€€€`,
  };
  for (const [name, text] of Object.entries(texts)) {
    it(`gives exactly Buffer.from's bytes: ${name}`, () => {
      expect(encodeUtf8(text).equals(Buffer.from(text, "utf8"))).toBe(true);
    });
  }

  it("encodes a value's JSON, and nothing for undefined", () => {
    expect(encodeJson({ name: "Zoë" })?.toString("utf8")).toBe('{"name":"Zoë"}');
    expect(encodeJson(undefined)).toBeUndefined();
  });
});
