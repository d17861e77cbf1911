/**
 * Seeded draws for generated people: a name, a unique e-mail address derived from it, a phone number and a
 * point in time. Each function documents exactly what it draws, because a simulator's output for a seed
 * depends on the order of draws: reordering them changes every record that follows.
 */
import { EMAIL_DOMAINS, emailLocalPart, FIRST_NAMES, LAST_NAMES, SINGLE_NAMES } from "./names.ts";
import type { Rng } from "./rng.ts";

/** A generated person. */
export interface Person {
  /** "First Last", or a single name (about 6% of people). */
  fullName: string;
  /** The lower-case ASCII local part derived from the name ("user" if nothing is left of it). */
  local: string;
  /** `local@domain`, or `local2@domain`, `local3@domain`... when the plain one is taken. */
  email: string;
}

/**
 * Draws a person whose e-mail is not in `taken` (exact, lower-case comparison) and adds that e-mail to it.
 * Draws: chance(0.06), then one single name or a first and a last name, then an e-mail domain.
 */
export function drawPerson(rng: Rng, taken: Set<string>): Person {
  const fullName = rng.chance(0.06)
    ? rng.pick(SINGLE_NAMES)
    : `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
  const domain = rng.pick(EMAIL_DOMAINS);
  const local = emailLocalPart(fullName) || "user";
  let email = `${local}@${domain}`;
  for (let n = 2; taken.has(email); n++) email = `${local}${n}@${domain}`;
  taken.add(email);
  return { fullName, local, email };
}

/** A phone number "CC-NNNNNNNNNN" (country code 1–99, then 10 digits). Draws three integers. */
export function drawPhone(rng: Rng): string {
  return `${rng.int(1, 99)}-${rng.int(200, 999)}${rng.int(1000000, 9999999)}`;
}

/**
 * An ISO-8601 instant (UTC, millisecond precision) uniformly in [fromMs, fromMs + spanMs), both in
 * milliseconds since the epoch. Use a fixed `fromMs` so a seed gives the same answers on any day. One draw.
 */
export function drawInstant(rng: Rng, fromMs: number, spanMs: number): string {
  return new Date(fromMs + Math.floor(rng.next() * spanMs)).toISOString();
}
