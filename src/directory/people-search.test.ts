import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../test/helpers/databases.ts";
import { insertAccountRow } from "../../test/helpers/store-rows.ts";
import { loadConfig } from "../config.ts";
import { openStore, type StoreHandle } from "../store/database.ts";
import { migrateToLatest } from "../store/migrate.ts";
import { type PersonHit, searchPeople } from "./people-search.ts";
import { normalizeText, type SearchableUser, searchableUser, searchTokens } from "./search-terms.ts";

const firstNames = ["José", "Jo", "Joanna", "John", "Maria", "Marie", "Zoë", "Chloé", "Sven", "Ana", "Smith"];
const lastNames = [
  "García",
  "Smith",
  "Smithers",
  "Nguyen",
  "Müller",
  "O'Brien",
  "Jones",
  "Johansson",
  "Svensson",
];

interface StoredPerson extends SearchableUser {
  account_id: string;
  user_id: string;
  environment_id: string;
  tenant_id: string;
  integration: string;
}

/** The ranking the search promises, applied to every stored row: what the tiered queries must reproduce. */
function reference(
  people: StoredPerson[],
  q: string,
  environmentId: string,
  limit: number,
  tenantId?: string,
) {
  const tokens = searchTokens(q).slice(0, 8);
  if (tokens.length === 0) return [];
  const exact = q.trim().toLowerCase();
  const phrase = normalizeText(q).trim();
  const first = tokens[0] as string;
  const rank = (p: StoredPerson) => {
    if (p.username?.toLowerCase() === exact || p.email?.toLowerCase() === exact) return 0;
    if (p.name_norm.startsWith(phrase)) return 2;
    if (` ${p.name_norm}`.includes(` ${first}`)) return 3;
    return 4;
  };
  const binary = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
  return people
    .filter((p) => p.environment_id === environmentId && (tenantId === undefined || p.tenant_id === tenantId))
    .filter((p) => tokens.every((t) => p.terms.includes(` ${t}`)))
    .map((p) => ({ p, rank: rank(p) }))
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        binary(a.p.name_norm, b.p.name_norm) ||
        binary(a.p.account_id, b.p.account_id) ||
        binary(a.p.user_id, b.p.user_id),
    )
    .slice(0, limit)
    .map(({ p }) => `${p.account_id}/${p.user_id}`);
}

describe.each(testDatabases)("people search ranking on $name", (database) => {
  let store: StoreHandle;
  const people: StoredPerson[] = [];
  beforeAll(async () => {
    store = await openStore(loadConfig({ DATABASE_URL: await database.create() }).database);
    await migrateToLatest(store.db, store.dialect);
    const now = new Date().toISOString();
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T;
    for (const env of ["env_a", "env_b"]) {
      await store.db.insertInto("environments").values({ id: env, name: env, created_at: now }).execute();
      for (let a = 0; a < 3; a++) {
        const accountId = `${env}_acc${a}`;
        await insertAccountRow(store.db, { id: accountId, environmentId: env, tenantId: `tenant-${a % 2}` });
        // 3 accounts of 1,100 people per environment.
        const rows = Array.from({ length: 1100 }, (_, i) => {
          // env_a: few distinct names (every name walked); env_b: a middle word makes most names unique.
          const middle = env === "env_b" ? ` ${Math.floor(random() * 1e6).toString(36)}` : "";
          const name = random() < 0.02 ? null : `${pick(firstNames)}${middle} ${pick(lastNames)}`;
          const login = `${normalizeText(name ?? "anon").replace(/[^a-z]+/g, ".")}${i}@example.com`;
          const emails = random() < 0.05 ? [] : [{ email: login.toUpperCase(), is_primary: true }];
          const person: StoredPerson = {
            account_id: accountId,
            user_id: `u${i}`,
            environment_id: env,
            tenant_id: `tenant-${a % 2}`,
            integration: "opsgenie",
            ...searchableUser({ name, username: random() < 0.03 ? null : login, emails }),
          };
          people.push(person);
          return person;
        });
        for (let i = 0; i < rows.length; i += 200) {
          await store.db
            .insertInto("user_search")
            .values(rows.slice(i, i + 200))
            .execute();
        }
      }
    }
  });
  afterAll(() => store.close());

  const queries = [
    "jo",
    "JOSÉ",
    "jose garc",
    "smith",
    "smi",
    "sv",
    "zoe",
    "müll",
    "o brien",
    "chloe smithers",
    "ana",
    "example",
    "john.smith1",
    "nguyen jo",
    "qqq",
    "a_",
    "%",
  ];

  it("ranks exactly as promised, across tiers, tenants, limits, clustered and unique names", async () => {
    const ids = (hits: PersonHit[]) => hits.map((h) => `${h.integrated_account_id}/${h.id}`);
    for (const environmentId of ["env_a", "env_b"]) {
      for (const q of queries) {
        for (const [limit, tenantId] of [
          [20, undefined],
          [100, undefined],
          [5, "tenant-1"],
        ] as const) {
          const hits = await searchPeople(store, { environmentId, q, limit, tenantId });
          expect(ids(hits), `${environmentId}: ${q} limit ${limit} tenant ${tenantId}`).toEqual(
            reference(people, q, environmentId, limit, tenantId),
          );
        }
      }
    }
  });

  it("finds an exact username or e-mail first, whatever its case", async () => {
    const someone = people.find((p) => p.environment_id === "env_a" && p.username && p.email);
    if (!someone?.username) throw new Error("no person with a username");
    const hits = await searchPeople(store, {
      environmentId: "env_a",
      q: someone.username.toUpperCase(),
      limit: 5,
    });
    expect(hits[0]).toMatchObject({ id: someone.user_id, integrated_account_id: someone.account_id });
  });

  it("ignores letters Unicode does not decompose, in stored names and in the query alike", async () => {
    const now = new Date().toISOString();
    await store.db
      .insertInto("environments")
      .values({ id: "env_fold", name: "f", created_at: now })
      .execute();
    await insertAccountRow(store.db, { id: "fold_acc", environmentId: "env_fold", tenantId: "t" });
    const names = [
      "Zoë Łukasiewicz",
      "Øyvind Berg",
      "Hans Straße",
      "Æsa Lind",
      "Đorđe Petrović",
      "İlkay Gündoğan",
      "ılkay Yıldız",
      "Þóra Sæmundsdóttir",
      "Chloé Œuvray",
    ];
    await store.db
      .insertInto("user_search")
      .values(
        names.map((name, i) => ({
          account_id: "fold_acc",
          user_id: `f${i}`,
          environment_id: "env_fold",
          tenant_id: "t",
          integration: "opsgenie",
          ...searchableUser({ name, username: `person${i}@example.com`, emails: [] }),
        })),
      )
      .execute();
    const found = async (q: string) =>
      (await searchPeople(store, { environmentId: "env_fold", q, limit: 10 })).map((h) => h.name);
    expect(await found("lukasiewicz")).toEqual(["Zoë Łukasiewicz"]);
    expect(await found("zoe lukas")).toEqual(["Zoë Łukasiewicz"]);
    expect(await found("ŁUKASIEWICZ")).toEqual(["Zoë Łukasiewicz"]);
    expect(await found("oyvind")).toEqual(["Øyvind Berg"]);
    expect(await found("strasse")).toEqual(["Hans Straße"]);
    expect(await found("STRASSE")).toEqual(["Hans Straße"]);
    expect(await found("aesa")).toEqual(["Æsa Lind"]);
    expect(await found("dorde")).toEqual(["Đorđe Petrović"]);
    expect(await found("ilkay")).toEqual(["İlkay Gündoğan", "ılkay Yıldız"]);
    expect(await found("yildiz")).toEqual(["ılkay Yıldız"]);
    expect(await found("thora saemunds")).toEqual(["Þóra Sæmundsdóttir"]);
    expect(await found("oeuvray")).toEqual(["Chloé Œuvray"]);
    expect(normalizeText("Zoë Łukasiewicz")).toBe("zoe lukasiewicz");
  });

  it("never returns another environment's people", async () => {
    const hits = await searchPeople(store, { environmentId: "env_b", q: "jo", limit: 100 });
    expect(hits.length).toBe(100);
    expect(hits.every((h) => h.integrated_account_id.startsWith("env_b_"))).toBe(true);
  });
});
