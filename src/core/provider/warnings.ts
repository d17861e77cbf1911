/**
 * Partial results (DESIGN.md principle 13, API.md "Partial results"): what a list or a sync run left out,
 * and why. The rest is served; only a fault that makes the whole answer wrong fails it.
 */

/**
 * - `record_vanished`: listed, then gone when its detail was read (deleted in between).
 * - `resource_not_permitted`: the account's plan or key may not read (part of) the resource.
 * - `malformed_record`: the provider's record does not match its schema; it is left out, never mis-mapped.
 * - `field_hidden`: the record is served, but the provider withheld one of its fields (e.g. an e-mail the
 *   person's privacy settings hide); the field is absent, not invented.
 */
export const warningCodes = [
  "record_vanished",
  "resource_not_permitted",
  "malformed_record",
  "field_hidden",
] as const;
export type WarningCode = (typeof warningCodes)[number];

/** One thing a list page or a sync run left out. `resource` is the unified resource, `id` the record's id. */
export interface Warning {
  code: WarningCode;
  message: string;
  resource?: string;
  id?: string;
}

/**
 * Whether the warning hides records that may still exist, so a sync must not tombstone them: a malformed
 * record is still there (its id is protected), and a refused resource hides everything it could not read
 * (a warning without an id protects the whole resource). A hidden field hides no record. A vanished record is not protected: the sync asks
 * for it by id, and a 404 confirms the delete.
 */
export function hidesRecords(warning: Warning): boolean {
  return warning.code !== "record_vanished" && warning.code !== "field_hidden";
}

/** The provider withheld `field` of the record `id`; `reason` says why and what would reveal it. */
export function fieldHidden(what: string, id: string, field: string, reason: string): Warning {
  return { code: "field_hidden", message: `The ${what} ${id} has no ${field}: ${reason}`, id };
}

/** A record listed by the provider whose detail read answered 404. */
export function recordVanished(what: string, id: string): Warning {
  return { code: "record_vanished", message: `The ${what} ${id} was deleted while it was being read.`, id };
}

/** The provider refused to read (part of) a resource for the account's plan or key; `reason` is its word. */
export function resourceNotPermitted(what: string, reason: string | undefined): Warning {
  return {
    code: "resource_not_permitted",
    message: `The account may not read ${what}${reason ? `: ${reason}` : "."}`,
  };
}

/** Warnings without repeats (a whole list re-read per page warns the same on every page), in first-seen order. */
export function distinctWarnings(warnings: Iterable<Warning>): Warning[] {
  const seen = new Map<string, Warning>();
  for (const w of warnings) {
    const key = JSON.stringify([w.code, w.resource ?? null, w.id ?? null, w.message]);
    if (!seen.has(key)) seen.set(key, w);
  }
  return [...seen.values()];
}
