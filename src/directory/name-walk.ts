import { type RawBuilder, sql } from "kysely";
import type { StoreHandle } from "../store/database.ts";
import { type SearchQuery, type SearchRow, searchColumns } from "./search-query.ts";

/** Distinct names read in one walk. */
export const NAME_SCAN = 500;
/** Names whose people are read one name at a time before a tier falls back to ranking its matches. */
const NAME_PROBES = 40;

export interface NameInOrder {
  name_norm: string;
  /** 1 when a word of the name starts with the first query word. */
  name_word: number;
  /** 1 when the name starts with the query phrase. */
  prefix: number;
}

/**
 * A loose index scan: up to NAME_SCAN + 1 distinct names of the environment in binary order, from `from` on
 * (inclusive). Each step is one probe of the (environment, name) index for the next greater name, so a thousand
 * people sharing a name cost one step, and no step depends on table statistics. The tier conditions that depend
 * on the name alone are evaluated by the database, with the same expressions the tier queries use.
 */
export async function distinctNames(
  store: StoreHandle,
  q: SearchQuery,
  from: string | null,
): Promise<NameInOrder[]> {
  const b = q.binary;
  const start = from === null ? sql`` : sql` and s.name_norm${b} >= ${from}`;
  const next = sql`select min(s.name_norm${b}) from user_search s
    where s.environment_id = ${q.environmentId} and s.name_norm${b} > names.name_norm${b}`;
  const rows = await sql<NameInOrder>`with recursive names(name_norm, step) as (
      select min(s.name_norm${b}), 1 from user_search s where s.environment_id = ${q.environmentId}${start}
      union all
      select (${next}), names.step + 1 from names where names.name_norm is not null and names.step <= ${NAME_SCAN}
    )
    select s.name_norm,
      case when ${q.nameWordMatches} then 1 else 0 end as name_word,
      case when ${q.startsWithPhrase} then 1 else 0 end as prefix
    from names s where s.name_norm is not null order by s.step`.execute(store.db);
  return rows.rows.map((r) => ({ ...r, name_word: Number(r.name_word), prefix: Number(r.prefix) }));
}

/**
 * Reads a tier's people name by name, in order, until `limit`: fast when many people match, however clustered
 * their names, since each name is one index range. `names` are the tier's names in order; `complete` says they
 * are all of them. The answer is `settled` when it is certainly the tier's first `limit` people.
 */
export async function readByName(
  store: StoreHandle,
  q: SearchQuery,
  names: NameInOrder[],
  complete: boolean,
  rowConditions: RawBuilder<unknown>,
  limit: number,
): Promise<{ rows: SearchRow[]; settled: boolean }> {
  const rows: SearchRow[] = [];
  for (const { name_norm } of names.slice(0, NAME_PROBES)) {
    const found = await sql<SearchRow>`select ${searchColumns} from user_search s
      where ${q.scope} and s.name_norm${q.binary} = ${name_norm} and ${rowConditions}
      order by ${q.order} limit ${limit - rows.length}`.execute(store.db);
    rows.push(...found.rows);
    if (rows.length === limit) return { rows, settled: true };
  }
  return { rows, settled: complete && names.length <= NAME_PROBES };
}
