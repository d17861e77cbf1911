import type { Role } from "../core/models/index.ts";
import type { MatchedBy } from "../store/account-id-map.ts";

type Record_ = Record<string, unknown> & { id: string };

/** A previous record matched to its successor. */
export interface Match {
  previous_id: string;
  id: string;
  matched_by: Exclude<MatchedBy, "unmatched">;
}

/** The primary e-mail of a unified user, lower-cased; null when it has none. */
export function primaryEmail(record: Record_): string | null {
  const emails = (record.emails as { email: string; is_primary?: boolean | null }[] | undefined) ?? [];
  const email = (emails.find((e) => e.is_primary) ?? emails[0])?.email;
  return email ? email.toLowerCase() : null;
}

/**
 * Matches the previous integration's records of one resource to the new ones: users by lower-cased primary
 * e-mail, groups by exact name, roles by `mapRole(previous)` = new role's name. A key that is missing, or
 * held by more than one record on either side, matches nothing (an ambiguous name is never guessed).
 * Pure: returns the matches only; whatever is left is created / deleted as usual.
 */
export function matchRecords(
  resource: string,
  previous: readonly Record_[],
  next: readonly Record_[],
  mapRole: (role: Role) => string | undefined,
): Match[] {
  const rule = rules[resource];
  if (!rule) return [];
  const before = uniqueKeys(previous, (r) => rule.previousKey(r, mapRole));
  const after = uniqueKeys(next, rule.nextKey);
  const matches: Match[] = [];
  for (const [key, old] of before) {
    const successor = after.get(key);
    if (successor) matches.push({ previous_id: old.id, id: successor.id, matched_by: rule.matchedBy });
  }
  return matches;
}

type KeyOf = (record: Record_) => string | null | undefined;

const byName: KeyOf = (record) =>
  typeof record.name === "string" && record.name !== "" ? record.name : null;

const rules: Record<
  string,
  {
    matchedBy: Match["matched_by"];
    previousKey: (record: Record_, mapRole: (role: Role) => string | undefined) => string | null | undefined;
    nextKey: KeyOf;
  }
> = {
  users: { matchedBy: "email", previousKey: primaryEmail, nextKey: primaryEmail },
  groups: { matchedBy: "name", previousKey: byName, nextKey: byName },
  roles: {
    matchedBy: "role",
    previousKey: (record, mapRole) => mapRole(record as unknown as Role),
    nextKey: byName,
  },
};

/** Records by key, leaving out keys that are missing or held by more than one record. */
function uniqueKeys(records: readonly Record_[], keyOf: KeyOf): Map<string, Record_> {
  const found = new Map<string, Record_>();
  const clashing = new Set<string>();
  for (const record of records) {
    const key = keyOf(record);
    if (!key) continue;
    if (found.has(key)) clashing.add(key);
    else found.set(key, record);
  }
  for (const key of clashing) found.delete(key);
  return found;
}
