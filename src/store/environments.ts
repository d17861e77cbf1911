import type { Db } from "./database.ts";
import { newId, nowIso } from "./ids.ts";
import type { EnvironmentTable } from "./schema.ts";

export type Environment = EnvironmentTable;

export const DEFAULT_ENVIRONMENT = "default";

export class EnvironmentRepository {
  constructor(private readonly db: Db) {}

  async findByName(name: string): Promise<Environment | undefined> {
    return this.db.selectFrom("environments").selectAll().where("name", "=", name).executeTakeFirst();
  }

  async findById(id: string): Promise<Environment | undefined> {
    return this.db.selectFrom("environments").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** Idempotent and safe under concurrency: a second creator loses the insert and reads the winner's row. */
  async ensure(name: string): Promise<Environment> {
    const existing = await this.findByName(name);
    if (existing) return existing;
    await this.db
      .insertInto("environments")
      .values({ id: newId("env"), name, created_at: nowIso() })
      .onConflict((oc) => oc.column("name").doNothing())
      .execute();
    const created = await this.findByName(name);
    if (!created) throw new Error(`Environment ${name} could not be created`);
    return created;
  }
}
