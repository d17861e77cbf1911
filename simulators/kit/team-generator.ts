/**
 * Seeded draws for generated teams: unique names, a realistic spread of sizes (some empty, a few large)
 * and overlapping membership. Each function documents what it draws, as the order of draws fixes the output.
 */
import { TEAM_SUFFIXES, TEAM_WORDS } from "./names.ts";
import type { Rng } from "./rng.ts";

/**
 * Draws "<word> <suffix>" (e.g. "Payments SRE"), unique case-insensitively within `taken` (lower-case names):
 * on a clash " 2", " 3"... is appended. Adds the lower-case result to `taken`. Draws two picks.
 */
export function drawTeamName(rng: Rng, taken: Set<string>): string {
  let name = `${rng.pick(TEAM_WORDS)} ${rng.pick(TEAM_SUFFIXES)}`;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${name.replace(/ \d+$/, "")} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * Draws a team size: 10% empty, 60% 1–8, 25% 9–25, 5% 26–80; never more than `population` (the number of
 * people to choose from). Draws once, then once more unless the team is empty.
 */
export function drawTeamSize(rng: Rng, population: number): number {
  const r = rng.next();
  let size: number;
  if (r < 0.1) size = 0;
  else if (r < 0.7) size = rng.int(1, 8);
  else if (r < 0.95) size = rng.int(9, 25);
  else size = rng.int(26, 80);
  return Math.min(size, population);
}

/**
 * Draws up to `size` distinct members out of `people`: picks with replacement and skips repeats, giving up
 * after 4·size picks (so a team may come out a little smaller). O(size), and people naturally land in several
 * teams. `roleOf(index)` is called once per accepted member, in order (index = members accepted before it;
 * it may draw from `rng` too). Returns person id -> role, in insertion order.
 */
export function drawMembers<P extends { id: string }, R>(
  rng: Rng,
  people: readonly P[],
  size: number,
  roleOf: (index: number) => R,
): Map<string, R> {
  const members = new Map<string, R>();
  for (let attempts = 0; members.size < size && attempts < size * 4; attempts++) {
    const person = rng.pick(people);
    if (members.has(person.id)) continue;
    members.set(person.id, roleOf(members.size));
  }
  return members;
}
