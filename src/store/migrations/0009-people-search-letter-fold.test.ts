import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../../test/helpers/databases.ts";
import { insertAccountRow } from "../../../test/helpers/store-rows.ts";
import { loadConfig } from "../../config.ts";
import { searchPeople } from "../../directory/people-search.ts";
import { searchableUser } from "../../directory/search-terms.ts";
import { openStore, type StoreHandle } from "../database.ts";
import { migrateToLatest } from "../migrate.ts";
import { up } from "./0009-people-search-letter-fold.ts";

/** How rows were normalized before the letter fold: lower case, marks removed, nothing else. */
const oldNormalize = (value: string) => value.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
const oldWords = (value: string) =>
  oldNormalize(value)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

const people = [
  { id: "u1", name: "Zoë Łukasiewicz", username: "zoe@example.com" },
  { id: "u2", name: "Øyvind Straße", username: "oyvind@example.com" },
  { id: "u3", name: "Æsa Đorđević", username: "aesa@example.com" },
  { id: "u4", name: "ılkay Þórsdóttir", username: "ilkay@example.com" },
  { id: "u5", name: "José García", username: "jose@example.com" },
];

describe.each(testDatabases)("migration 0009 (letter fold of stored search rows), on $name", (database) => {
  let store: StoreHandle;
  const search = async (q: string) =>
    (await searchPeople(store, { environmentId: "env_f", q, limit: 10 })).map((h) => h.id);

  beforeAll(async () => {
    store = await openStore(loadConfig({ DATABASE_URL: await database.create() }).database);
    await migrateToLatest(store.db, store.dialect);
    const now = new Date().toISOString();
    await store.db.insertInto("environments").values({ id: "env_f", name: "f", created_at: now }).execute();
    await insertAccountRow(store.db, { id: "acc_f", environmentId: "env_f", tenantId: "t" });
    // Rows as the previous release wrote them.
    await store.db
      .insertInto("user_search")
      .values(
        people.map((p) => ({
          account_id: "acc_f",
          user_id: p.id,
          environment_id: "env_f",
          tenant_id: "t",
          integration: "opsgenie",
          name: p.name,
          username: p.username,
          email: p.username,
          name_norm: oldNormalize(p.name),
          terms: ` ${[...new Set([...oldWords(p.name), ...oldWords(p.username)])].join(" ")}`,
        })),
      )
      .execute();
  });
  afterAll(() => store.close());

  it("makes rows indexed before the fold findable by their ASCII spelling", async () => {
    expect(await search("lukasiewicz")).toEqual([]);
    await up(store.db as unknown as Kysely<unknown>);
    for (const [q, id] of [
      ["lukasiewicz", "u1"],
      ["zoe lukas", "u1"],
      ["oyvind", "u2"],
      ["strasse", "u2"],
      ["aesa", "u3"],
      ["dordevic", "u3"],
      ["ilkay", "u4"],
      ["thorsdottir", "u4"],
      ["Łukasiewicz", "u1"],
      ["jose", "u5"],
    ])
      expect(await search(q as string), q).toEqual([id]);
  });

  it("leaves each row as a fresh sync would write it", async () => {
    const rows = await store.db
      .selectFrom("user_search")
      .select(["user_id", "name_norm", "terms"])
      .orderBy("user_id")
      .execute();
    for (const row of rows) {
      const person = people.find((p) => p.id === row.user_id);
      if (!person) throw new Error(`unexpected row ${row.user_id}`);
      const fresh = searchableUser({
        name: person.name,
        username: person.username,
        emails: [{ email: person.username }],
      });
      expect(row.name_norm).toBe(fresh.name_norm);
      expect(new Set(row.terms.trim().split(" "))).toEqual(new Set(fresh.terms.trim().split(" ")));
    }
    if (store.dialect === "sqlite") {
      // The word index follows the updated rows (and stays consistent with them).
      const fts = await sql<{ rowid: number }>`select rowid from user_search_fts
        where user_search_fts match ${'"lukasiewicz"*'}`.execute(store.db);
      expect(fts.rows).toHaveLength(1);
      await sql`insert into user_search_fts(user_search_fts, rank) values ('integrity-check', 1)`.execute(
        store.db,
      );
    }
  });
});
