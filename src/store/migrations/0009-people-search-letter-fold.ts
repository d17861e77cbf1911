import { type Kysely, type RawBuilder, sql } from "kysely";
import { LETTER_FOLDS } from "../../core/letter-fold.ts";

/**
 * People search now folds the letters NFKD keeps whole (`ł` to `l`, `ß` to `ss`, ...: core/letter-fold.ts) in
 * the index and in the query. Rows written before were normalized without that fold, so `lukasiewicz` would
 * not find a stored `Łukasiewicz` until the next sync touched that user.
 *
 * The old `name_norm` and `terms` were already lower case with marks removed; the new ones are exactly the old
 * ones with the fold applied, letter by letter (words keep their boundaries: letters map to letters). So the
 * fold is applied in SQL, with nested `replace()`, the same on both databases, to the rows it changes; on
 * SQLite the update trigger re-indexes those rows in FTS5. A later extension of the fold table needs a new
 * migration like this one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const nameNorm = folded(sql.ref("name_norm"));
  const terms = folded(sql.ref("terms"));
  await sql`update user_search set name_norm = ${nameNorm}, terms = ${terms}
    where name_norm <> ${nameNorm} or terms <> ${terms}`.execute(db);
}

/** Not reversible (the unfolded spelling is not kept); older code still finds the rows by their ASCII spelling. */
export async function down(): Promise<void> {}

function folded(column: RawBuilder<unknown>): RawBuilder<unknown> {
  let expression = column;
  for (const [letter, ascii] of Object.entries(LETTER_FOLDS))
    expression = sql`replace(${expression}, ${letter}, ${ascii})`;
  return expression;
}
