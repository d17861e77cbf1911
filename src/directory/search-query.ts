import { type RawBuilder, sql } from "kysely";
import { normalizeText } from "./search-terms.ts";

/** A person as the search reads it from `user_search`. */
export interface SearchRow {
  user_id: string;
  name: string | null;
  username: string | null;
  email: string | null;
  account_id: string;
  integration: string;
  tenant_id: string;
}

export const searchColumns = sql`s.user_id, s.name, s.username, s.email, s.account_id, s.integration, s.tenant_id`;

/** Sorts after any character a name can hold, so `[phrase, phrase + MAX)` is "starts with phrase". */
const MAX_CHAR = "\u{10FFFF}";

/**
 * The SQL fragments of one people search, over `user_search s`. The dialects differ only in collation (binary
 * on both, so the (environment, name) index serves the ORDER BY) and in the word index behind `candidates`.
 */
export class SearchQuery {
  readonly environmentId: string;
  /** The query as typed, lower-cased: compared with whole usernames and e-mails. */
  readonly exact: string;
  /** The query normalized like names are: compared with the start of names. */
  readonly phrase: string;
  readonly binary: RawBuilder<unknown>;
  readonly scope: RawBuilder<unknown>;
  readonly allWords: RawBuilder<unknown>;
  readonly order: RawBuilder<unknown>;
  readonly isExact: RawBuilder<unknown>;
  readonly startsWithPhrase: RawBuilder<unknown>;
  readonly nameWordMatches: RawBuilder<unknown>;

  constructor(
    readonly dialect: "sqlite" | "postgres",
    input: { environmentId: string; q: string; tenantId?: string },
    readonly tokens: string[],
  ) {
    this.environmentId = input.environmentId;
    this.exact = input.q.trim().toLowerCase();
    this.phrase = normalizeText(input.q).trim();
    const binary = dialect === "postgres" ? sql` collate "C"` : sql``;
    this.binary = binary;
    const tenant = input.tenantId === undefined ? sql`` : sql` and s.tenant_id = ${input.tenantId}`;
    this.scope = sql`s.environment_id = ${input.environmentId}${tenant}`;
    // Tokens hold only letters and digits, so they are safe inside LIKE patterns.
    this.allWords = sql.join(
      tokens.map((t) => sql`s.terms like ${`% ${t}%`}`),
      sql` and `,
    );
    this.order = sql`s.name_norm${binary}, s.account_id${binary}, s.user_id${binary}`;
    this.isExact = sql`(coalesce(lower(s.username), '') = ${this.exact} or coalesce(lower(s.email), '') = ${this.exact})`;
    this.startsWithPhrase = sql`(s.name_norm${binary} >= ${this.phrase} and s.name_norm${binary} < ${this.phrase + MAX_CHAR})`;
    this.nameWordMatches = sql`(' ' || s.name_norm) like ${`% ${tokens[0]}%`}`;
  }

  /** `from` clause of the rows matching every word, found through the word index (FTS5, or trigrams on pg). */
  candidates(): RawBuilder<unknown> {
    if (this.dialect === "sqlite") {
      const match = this.tokens.map((t) => `"${t}"*`).join(" AND ");
      return sql`user_search_fts f join user_search s on s.id = f.rowid where user_search_fts match ${match} and`;
    }
    return sql`user_search s where ${this.allWords} and`;
  }
}
