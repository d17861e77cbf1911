import { describe, expect, it } from "vitest";
import { foldLetters, LETTER_FOLDS } from "./letter-fold.ts";

describe("letter fold", () => {
  it("holds only lower-case letters NFKD keeps whole, each folded to ASCII letters", () => {
    for (const [letter, ascii] of Object.entries(LETTER_FOLDS)) {
      expect(letter.normalize("NFKD"), letter).toBe(letter);
      expect(letter.toLowerCase(), letter).toBe(letter);
      expect(ascii, letter).toMatch(/^[a-z]+$/);
    }
  });

  it("folds the letters of lower-cased names and leaves the rest alone", () => {
    expect(foldLetters("zoe łukasiewicz")).toBe("zoe lukasiewicz");
    expect(foldLetters("øyvind straße æsa đorđe ılkay þóra")).toBe("oyvind strasse aesa dorde ilkay thóra");
    expect(foldLetters("josé 123 @ x")).toBe("josé 123 @ x");
  });
});
