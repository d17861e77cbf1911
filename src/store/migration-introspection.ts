import { type DatabaseIntrospector, type Kysely, sql } from "kysely";

/**
 * The database handle Kysely's Migrator is given on PostgreSQL. The Migrator asks the introspector for every
 * table of the database (with column types and serial sequences) just to see whether its own two bookkeeping
 * tables exist. That query reads the catalog of every schema, and fails with "relation … does not exist" when
 * another process drops or alters a table meanwhile (graphile-worker migrating its own schema, another
 * Roster instance's tests). This handle answers the same two questions from the connection's own schema only.
 */
export function withSchemaScopedIntrospection<DB>(db: Kysely<DB>): Kysely<DB> {
  const introspection: DatabaseIntrospector = {
    async getSchemas() {
      const rows = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace`.execute(
        db,
      );
      return rows.rows;
    },
    async getTables() {
      const rows = await sql<{ name: string; schema: string }>`
        select table_name as name, table_schema as schema from information_schema.tables
        where table_schema = current_schema()`.execute(db);
      return rows.rows.map((row) => ({ ...row, isView: false, columns: [] }));
    },
    async getMetadata() {
      return { tables: await this.getTables() };
    },
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === "introspection") return introspection;
      const value = Reflect.get(target, property, target);
      // Kysely keeps its state in private fields, so its methods must run on the real instance.
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
