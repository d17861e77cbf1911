import { type RawBuilder, sql } from "kysely";
import type { StoreHandle } from "../store/database.ts";
import { distinctNames, NAME_SCAN, readByName } from "./name-walk.ts";
import { SearchQuery, type SearchRow, searchColumns } from "./search-query.ts";
import { searchTokens } from "./search-terms.ts";

export interface PersonHit {
  id: string;
  name: string | null;
  username: string | null;
  email: string | null;
  integrated_account_id: string;
  integration: string;
  tenant_id: string;
}

type Tier = (store: StoreHandle, limit: number) => Promise<SearchRow[]>;

/**
 * People search over the synced users of an environment. Every word of the query must prefix-match a word
 * of the name, username or e-mail (normalized: case and diacritics ignored). Ranking, in tiers: exact
 * username or e-mail; name starting with the query (the exact name first); a name word starting with the
 * first query word; anything else; within a tier by name, then account and user id (binary order).
 *
 * Tiers are read one after another until the page is full, each in index order, so a short prefix that
 * matches thousands of people reads about one page of rows instead of ranking every match.
 */
export async function searchPeople(
  store: StoreHandle,
  input: { environmentId: string; q: string; tenantId?: string; limit: number },
): Promise<PersonHit[]> {
  const tokens = searchTokens(input.q).slice(0, 8);
  if (tokens.length === 0) return [];
  const query = new SearchQuery(store.dialect, input, tokens);
  const rows: SearchRow[] = [];
  for (const tier of tiers(query)) {
    const remaining = input.limit - rows.length;
    if (remaining <= 0) break;
    rows.push(...(await tier(store, remaining)));
  }
  return rows.map((r) => ({
    id: r.user_id,
    name: r.name,
    username: r.username,
    email: r.email,
    integrated_account_id: r.account_id,
    integration: r.integration,
    tenant_id: r.tenant_id,
  }));
}

function tiers(q: SearchQuery): Tier[] {
  const notExact = sql`not ${q.isExact} and ${q.allWords}`;
  /**
   * A union rather than an OR, so each side is one lookup in its own index; the cross join keeps SQLite from
   * walking the whole environment in name order to test each row against the few matches.
   */
  const exact: Tier = async (store, limit) =>
    (
      await sql<SearchRow>`select ${searchColumns} from (
          select u.id from user_search u where u.environment_id = ${q.environmentId} and lower(u.username) = ${q.exact}
          union
          select e.id from user_search e where e.environment_id = ${q.environmentId} and lower(e.email) = ${q.exact}
        ) m cross join user_search s
        where s.id = m.id and ${q.scope} and ${q.allWords}
        order by ${q.order} limit ${limit}`.execute(store.db)
    ).rows;

  /** Names starting with the phrase are one range of the name order, the exact name first. */
  const namePrefix: Tier = async (store, limit) => {
    const from = await distinctNames(store, q, q.phrase);
    const inRange = from.findIndex((n) => n.prefix === 0);
    const complete = inRange >= 0 || from.length <= NAME_SCAN;
    const names = inRange >= 0 ? from.slice(0, inRange) : from.slice(0, NAME_SCAN);
    const walked = await readByName(store, q, names, complete, notExact, limit);
    if (walked.settled) return walked.rows;
    return (
      await sql<SearchRow>`select ${searchColumns} from user_search s
        where ${q.scope} and ${q.startsWithPhrase} and ${notExact}
        order by ${q.order} limit ${limit}`.execute(store.db)
    ).rows;
  };

  /** The few matches of the word index, ranked. */
  const ranked = (store: StoreHandle, condition: RawBuilder<unknown>, limit: number) =>
    sql<SearchRow>`select ${searchColumns} from ${q.candidates()} ${q.scope} and ${condition}
      and ${notExact} order by ${q.order} limit ${limit}`.execute(store.db);

  /**
   * Names with a word starting with the query's first word are usually many people (a common first or last
   * name): the name walk finds the first page; when it cannot settle it, the word index's matches are ranked.
   */
  const nameWord: Tier = async (store, limit) => {
    const all = await distinctNames(store, q, null);
    const inTier = all.slice(0, NAME_SCAN).filter((n) => n.name_word === 1 && n.prefix === 0);
    const walked = await readByName(store, q, inTier, all.length <= NAME_SCAN, notExact, limit);
    if (walked.settled) return walked.rows;
    return (await ranked(store, sql`${q.nameWordMatches} and not ${q.startsWithPhrase}`, limit)).rows;
  };

  /** People found only by their username or e-mail words are usually few: their matches are ranked at once. */
  const other: Tier = async (store, limit) =>
    (await ranked(store, sql`not ${q.nameWordMatches} and not ${q.startsWithPhrase}`, limit)).rows;

  return [exact, namePrefix, nameWord, other];
}
