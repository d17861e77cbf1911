import { foldLetters } from "../core/letter-fold.ts";

/**
 * Search normalization, shared by the writer (a sync fills `user_search`) and the reader (the query):
 * lower case, diacritics stripped (NFKD, marks removed), letters NFKD keeps whole folded (`ł` to `l`, `ß` to
 * `ss`: see core/letter-fold.ts), split into words of letters and digits, so that "jose" finds "José",
 * "garc" finds "García" and "lukasiewicz" finds "Łukasiewicz" on both databases alike.
 * Changing it changes what is stored: existing rows then need a migration that recomputes them (as 0009 does).
 */
export function normalizeText(value: string): string {
  return foldLetters(value.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase());
}

export function searchTokens(value: string): string[] {
  return normalizeText(value)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

export interface SearchableUser {
  name: string | null;
  username: string | null;
  email: string | null;
  name_norm: string;
  terms: string;
}

/** The searchable columns of a unified user: words of the name, the username and the primary e-mail. */
export function searchableUser(user: {
  name?: string | null;
  username?: string | null;
  emails?: { email: string; is_primary?: boolean | null }[];
}): SearchableUser {
  const email = primaryEmail(user);
  const words = new Set([
    ...searchTokens(user.name ?? ""),
    ...searchTokens(user.username ?? ""),
    ...searchTokens(email ?? ""),
  ]);
  return {
    name: user.name ?? null,
    username: user.username ?? null,
    email,
    name_norm: normalizeText(user.name ?? ""),
    // Leading space: on PostgreSQL a word prefix is matched as `like '% word%'`.
    terms: ` ${[...words].join(" ")}`,
  };
}

function primaryEmail(user: { emails?: { email: string; is_primary?: boolean | null }[] }) {
  const emails = user.emails ?? [];
  return (emails.find((e) => e.is_primary) ?? emails[0])?.email ?? null;
}
