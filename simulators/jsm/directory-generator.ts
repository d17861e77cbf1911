/**
 * A seeded site of `users` people and `teams` teams (reference §7 "Seed data"): about 75% JSM agents, 8%
 * inactive, 30% with a hidden e-mail, most on the organization's managed domain; team sizes from the kit;
 * one team without Operations and, with 3 teams or more, a duplicate of a team name as a migration leaves it.
 */
import { drawPerson } from "../kit/people-generator.ts";
import { createRng, hashSeed } from "../kit/rng.ts";
import { drawMembers, drawTeamName, drawTeamSize } from "../kit/team-generator.ts";
import type { Directory } from "./directory.ts";
import {
  type BuildOptions,
  buildDirectory,
  type SourcePerson,
  type SourceTeam,
} from "./directory-builder.ts";

export interface GenerateOptions extends BuildOptions {
  users: number;
  teams: number;
}

/** The seeded directory of a simulated site. */
export function generateDirectory(options: GenerateOptions): Directory {
  const rng = createRng(hashSeed(options.seed, "jsm-people"));
  const taken = new Set<string>();
  const people: (SourcePerson & { id: string })[] = [];
  for (let i = 0; i < options.users; i++) {
    const p = drawPerson(rng, taken);
    people.push({
      id: p.email,
      name: p.fullName,
      email: p.email,
      agent: rng.chance(0.75),
      active: !rng.chance(0.08),
    });
  }
  const names = new Set<string>();
  const teams: SourceTeam[] = [];
  for (let i = 0; i < options.teams; i++) {
    const members = drawMembers(rng, people, drawTeamSize(rng, people.length), () => null);
    teams.push({
      name: drawTeamName(rng, names),
      description: rng.chance(0.5) ? "Migrated from Opsgenie" : "",
      memberEmails: [...members.keys()],
      // The last team is a plain Atlassian team, not enabled for Operations.
      ops: i !== options.teams - 1 || options.teams === 1,
    });
  }
  const first = teams[0];
  if (options.teams >= 3 && first)
    teams.push({ name: first.name, description: "Migrated from Opsgenie", memberEmails: first.memberEmails });
  return buildDirectory({ people, teams }, options);
}
