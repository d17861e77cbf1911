/**
 * Latin letters that Unicode does not decompose: NFKD leaves `ł` or `ø` whole (the stroke is part of the
 * letter, not a combining mark), so stripping marks cannot turn them into the letters people type for them.
 * Each maps to its usual ASCII spelling, as in CLDR's Latin-ASCII transliterator and lodash's `deburr`
 * (whose Latin-1 Supplement and Latin Extended-A entries these are, plus the common Latin Extended-B letters
 * with a stroke or hook). Keys are lower case: the fold runs after lower-casing, which maps `Ł` to `ł`.
 * `İ` needs no entry: NFKD splits it into `I` and a combining dot.
 */
export const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ß: "ss", // German sharp s (ẞ lower-cases to it)
  æ: "ae", // Danish, Norwegian, Icelandic
  œ: "oe", // French
  ø: "o", // Danish, Norwegian
  ł: "l", // Polish
  đ: "d", // Croatian, Serbian, Vietnamese
  ð: "d", // Icelandic, Faroese eth
  þ: "th", // Icelandic thorn
  ı: "i", // Turkish, Azerbaijani dotless i
  ħ: "h", // Maltese
  ŋ: "n", // Sami
  ĸ: "k", // Greenlandic kra
  ŧ: "t", // Sami
  ƀ: "b",
  ƒ: "f",
  ɖ: "d", // African D (Ewe)
  ǥ: "g", // Sami
  ɨ: "i",
  ƚ: "l",
  ʉ: "u",
  ƶ: "z",
};

const FOLDABLE = new RegExp(`[${Object.keys(LETTER_FOLDS).join("")}]`, "gu");

/** Replaces every letter of LETTER_FOLDS in lower-cased text with its ASCII spelling. */
export function foldLetters(text: string): string {
  return text.replace(FOLDABLE, (letter) => LETTER_FOLDS[letter] ?? letter);
}
