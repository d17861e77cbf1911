/**
 * Splits a full name at the first run of whitespace: "Mary Ann Smith" → "Mary" + "Ann Smith"; a single
 * word is a first name only; an absent or blank name gives nulls. Providers that keep a single full-name
 * field use it for the unified `first_name`/`last_name`; it is a best effort, since no rule splits every
 * culture's names correctly.
 */
export function splitFullName(fullName: string | null | undefined): {
  firstName: string | null;
  lastName: string | null;
} {
  const trimmed = fullName?.trim() ?? "";
  if (trimmed === "") return { firstName: null, lastName: null };
  const match = /\s+/u.exec(trimmed);
  if (!match) return { firstName: trimmed, lastName: null };
  return { firstName: trimmed.slice(0, match.index), lastName: trimmed.slice(match.index + match[0].length) };
}
