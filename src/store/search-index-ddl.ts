import { type Kysely, sql } from "kysely";

/**
 * The people-search index, the one place where the dialects differ on purpose: SQLite gets an FTS5
 * external-content table (prefix queries) kept in step by triggers; PostgreSQL a trigram GIN index
 * (`pg_trgm`), or a plain btree when the extension cannot be created (then searches scan, still correct).
 * `terms` holds the normalized (lower-case, diacritics stripped, letters folded) words of name, username and e-mail.
 */
export async function createUserSearchIndex(
  db: Kysely<unknown>,
  dialect: "sqlite" | "postgres",
): Promise<void> {
  const id = dialect === "sqlite" ? sql`id integer primary key` : sql`id bigserial primary key`;
  await sql`create table user_search (
    ${id},
    account_id text not null references integrated_accounts(id) on delete cascade,
    user_id text not null,
    environment_id text not null,
    tenant_id text not null,
    integration text not null,
    name text,
    username text,
    email text,
    name_norm text not null,
    terms text not null,
    unique (account_id, user_id)
  )`.execute(db);
  await sql`create index user_search_env on user_search (environment_id, tenant_id)`.execute(db);
  if (dialect === "sqlite") {
    await sql`create virtual table user_search_fts using fts5(
      terms, content='user_search', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    )`.execute(db);
    await sql`create trigger user_search_ai after insert on user_search begin
      insert into user_search_fts(rowid, terms) values (new.id, new.terms); end`.execute(db);
    await sql`create trigger user_search_ad after delete on user_search begin
      insert into user_search_fts(user_search_fts, rowid, terms) values ('delete', old.id, old.terms); end`.execute(
      db,
    );
    await sql`create trigger user_search_au after update on user_search begin
      insert into user_search_fts(user_search_fts, rowid, terms) values ('delete', old.id, old.terms);
      insert into user_search_fts(rowid, terms) values (new.id, new.terms); end`.execute(db);
    return;
  }
  // The migration runs in a transaction: a savepoint keeps a refused extension from aborting it.
  await sql`savepoint user_search_trgm`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index user_search_terms_trgm on user_search using gin (terms gin_trgm_ops)`.execute(db);
    await sql`release savepoint user_search_trgm`.execute(db);
  } catch {
    await sql`rollback to savepoint user_search_trgm`.execute(db);
    await sql`create index user_search_terms on user_search (terms text_pattern_ops)`.execute(db);
  }
}

export async function dropUserSearchIndex(
  db: Kysely<unknown>,
  dialect: "sqlite" | "postgres",
): Promise<void> {
  if (dialect === "sqlite") await sql`drop table if exists user_search_fts`.execute(db);
  await sql`drop table if exists user_search`.execute(db);
}
