/** The seeded directory and the one built from an Opsgenie-style list of people and teams. */
import { describe, expect, it } from "vitest";
import { directoryFromPeople } from "./directory-builder.ts";
import { generateDirectory } from "./directory-generator.ts";
import { call, ops, teamsApi, useSimulator } from "./test-helpers.ts";

const people = [
  { name: "Ada Lovelace", email: "ada@acme.example" },
  { name: "Grace Hopper", email: "grace@acme.example" },
  { name: "Alan Turing", email: "alan@elsewhere.example" },
];
const teams = [
  { name: "Payments", memberEmails: ["ada@acme.example", "alan@elsewhere.example"] },
  { name: "Search", memberEmails: ["grace@acme.example", "nobody@acme.example"] },
];

describe("directoryFromPeople", () => {
  it("gives each person a new Atlassian account with the same e-mail and an agent seat; teams keep their members", () => {
    const dir = directoryFromPeople({ people, teams }, { seed: 1 });
    const byEmail = people.map((p) => dir.findByEmail(p.email));
    for (const [i, a] of byEmail.entries()) {
      expect(a).toMatchObject({
        displayName: people[i]?.name,
        accountType: "atlassian",
        agent: true,
        active: true,
      });
      expect(a?.accountId).toMatch(/^(557058:[0-9a-f-]{36}|[0-9a-f]{24})$/);
    }
    const built = [...dir.teams.values()].filter(
      (t) => t.displayName === "Payments" || t.displayName === "Search",
    );
    expect(built.map((t) => t.ops)).toEqual([true, true]);
    expect(built[0]?.members.slice(0, 2)).toEqual([byEmail[0]?.accountId, byEmail[2]?.accountId]);
    // An e-mail matching nobody is skipped.
    expect(built[1]?.members).toEqual([byEmail[1]?.accountId]);
    // Only the organization's claimed domain is managed.
    expect(byEmail.map((a) => a?.managed)).toEqual([true, true, false]);
  });

  it("is deterministic per seed and differs across seeds", () => {
    const ids = (seed: number) => [...directoryFromPeople({ people, teams }, { seed }).accounts.keys()];
    expect(ids(2)).toEqual(ids(2));
    expect(ids(2)).not.toEqual(ids(3));
  });
});

describe("a simulator started from people and teams", () => {
  const sim = useSimulator({ seed: 14, from: { people, teams } });

  it("serves them through users/search, JSM Ops and the Teams API", async () => {
    const users = (await call(sim(), "/rest/api/3/users/search")).json;
    const names = users.map((u: { displayName: string }) => u.displayName);
    for (const p of people) expect(names).toContain(p.name);
    const opsTeams = (await call(sim(), `${ops(sim())}/v1/teams`)).json.platformTeams;
    expect(opsTeams.map((t: { teamName: string }) => t.teamName)).toEqual(["Payments", "Search"]);
    const search = opsTeams[1].teamId;
    const members = await call(sim(), `${teamsApi(sim())}/teams/${search}/members`, {
      method: "POST",
      body: {},
    });
    expect(members.json.results).toEqual([
      { accountId: sim().directory.findByEmail("grace@acme.example")?.accountId },
    ]);
  });
});

describe("generateDirectory", () => {
  it("has a non-ops team, a duplicated team name, agents and non-agents, and seats for every agent", () => {
    const dir = generateDirectory({ seed: 5, users: 200, teams: 10 });
    const list = [...dir.teams.values()];
    expect(list.filter((t) => !t.ops)).toHaveLength(1);
    const names = list.map((t) => t.displayName);
    expect(new Set(names).size).toBe(names.length - 1);
    const people = dir.list().filter((a) => a.accountType === "atlassian");
    expect(people.some((a) => a.agent)).toBe(true);
    expect(people.some((a) => !a.agent)).toBe(true);
    expect(dir.licence.seats).toBeGreaterThanOrEqual(dir.agentCount());
  });

  it("starts 12,000 people and 500 teams quickly", () => {
    const started = performance.now();
    const dir = generateDirectory({ seed: 6, users: 12_000, teams: 500 });
    expect(dir.accounts.size).toBeGreaterThan(12_000);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
