import { sql } from "kysely";
import type { StoreHandle } from "../store/database.ts";
import { normalizeText, searchTokens } from "./search-terms.ts";

export interface PersonHit {
  id: string;
  name: string | null;
  username: string | null;
  email: string | null;
  integrated_account_id: string;
  integration: string;
  tenant_id: string;
}

/**
 * People search over the synced users of an environment. Every word of the query must prefix-match a word
 * of the name, username or e-mail (normalized: case and diacritics ignored). Ranking: exact username or
 * e-mail, exact name, name starting with the query, a name word starting with it, anything else; then
 * by name. The candidate lookup is the only dialect-specific part: FTS5 on SQLite, trigram LIKE on pg.
 */
export async function searchPeople(
  store: StoreHandle,
  input: { environmentId: string; q: string; tenantId?: string; limit: number },
): Promise<PersonHit[]> {
  const tokens = searchTokens(input.q).slice(0, 8);
  if (tokens.length === 0) return [];
  const exact = input.q.trim().toLowerCase();
  const phrase = normalizeText(input.q).trim();
  const first = tokens[0] ?? "";
  const rank = sql<number>`case
    when lower(s.username) = ${exact} or lower(s.email) = ${exact} then 0
    when s.name_norm = ${phrase} then 1
    when s.name_norm like ${`${phrase}%`} then 2
    when ${sql`(' ' || s.name_norm)`} like ${`% ${first}%`} then 3
    else 4 end`;
  const tenant = input.tenantId === undefined ? sql`` : sql`and s.tenant_id = ${input.tenantId}`;
  const candidates =
    store.dialect === "sqlite"
      ? sql`user_search_fts f join user_search s on s.id = f.rowid
          where user_search_fts match ${tokens.map((t) => `"${t}"*`).join(" AND ")}`
      : sql`user_search s where ${sql.join(
          tokens.map((t) => sql`s.terms like ${`% ${t}%`}`),
          sql` and `,
        )}`;
  const rows = await sql<{
    user_id: string;
    name: string | null;
    username: string | null;
    email: string | null;
    account_id: string;
    integration: string;
    tenant_id: string;
  }>`select s.user_id, s.name, s.username, s.email, s.account_id, s.integration, s.tenant_id
     from ${candidates} and s.environment_id = ${input.environmentId} ${tenant}
     order by ${rank}, s.name_norm, s.account_id, s.user_id
     limit ${input.limit}`.execute(store.db);
  return rows.rows.map((r) => ({
    id: r.user_id,
    name: r.name,
    username: r.username,
    email: r.email,
    integrated_account_id: r.account_id,
    integration: r.integration,
    tenant_id: r.tenant_id,
  }));
}
