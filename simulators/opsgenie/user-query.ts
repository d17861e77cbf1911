/**
 * The `query` parameter of `GET /v2/users`: space-separated `field:value` terms (values may be quoted),
 * all of which must match; a bare word matches username or full name. Matching is case-insensitive.
 */
import { HttpError } from "../kit/reply.ts";
import type { User } from "./model.ts";

type Predicate = (u: User) => boolean;

const contains = (haystack: string, needle: string): boolean => haystack.toLowerCase().includes(needle);

const FIELDS: Record<string, (value: string) => Predicate> = {
  username: (v) => (u) => contains(u.username, v),
  fullName: (v) => (u) => contains(u.fullName, v),
  role: (v) => (u) => u.role.name.toLowerCase() === v || u.role.id.toLowerCase() === v,
  blocked: (v) => bool("blocked", v, (u) => u.blocked),
  verified: (v) => bool("verified", v, (u) => u.verified),
  locale: (v) => (u) => u.locale.toLowerCase() === v,
  timeZone: (v) => (u) => u.timeZone.toLowerCase() === v,
  userAddress: (v) => (u) => Object.values(u.userAddress).some((part) => contains(part, v)),
  createdAt: (v) => (u) => u.createdAt.toLowerCase().startsWith(v),
};

function bool(field: string, value: string, get: (u: User) => boolean): Predicate {
  if (value !== "true" && value !== "false") {
    throw new HttpError(422, "Invalid query", { errors: { query: `${field} must be true or false` } });
  }
  const wanted = value === "true";
  return (u) => get(u) === wanted;
}

const TERM = /([A-Za-z]+):"([^"]*)"|([A-Za-z]+):(\S+)|"([^"]*)"|(\S+)/g;

export function compileUserQuery(query: string): Predicate {
  const predicates: Predicate[] = [];
  for (const m of query.matchAll(TERM)) {
    const field = m[1] ?? m[3];
    const value = (m[2] ?? m[4] ?? m[5] ?? m[6] ?? "").toLowerCase();
    if (field === undefined) {
      if (value === "and") continue;
      predicates.push((u) => contains(u.username, value) || contains(u.fullName, value));
      continue;
    }
    const make = FIELDS[field];
    if (!make) {
      throw new HttpError(422, "Invalid query", { errors: { query: `Unsupported query field '${field}'` } });
    }
    predicates.push(make(value));
  }
  return (u) => predicates.every((p) => p(u));
}
