import { type Kysely, SqliteAdapter, sql } from "kysely";

/**
 * People search reads its tiers in index order (src/sync/people-search.ts): names of an environment in binary
 * order (a prefix is a range of it), and exact usernames and e-mails.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const binary = db.getExecutor().adapter instanceof SqliteAdapter ? sql`` : sql` collate "C"`;
  await sql`create index user_search_env_name on user_search
    (environment_id, name_norm${binary}, account_id${binary}, user_id${binary})`.execute(db);
  await sql`create index user_search_env_username on user_search (environment_id, lower(username))`.execute(
    db,
  );
  await sql`create index user_search_env_email on user_search (environment_id, lower(email))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of ["user_search_env_name", "user_search_env_username", "user_search_env_email"]) {
    await sql`drop index if exists ${sql.ref(index)}`.execute(db);
  }
}
