import type { z } from "zod";
import { AppError } from "../errors.ts";
import type { Warning } from "./warnings.ts";

/** Where a parse failed first: the dotted field path ("" for the record itself) and zod's message. */
export interface FirstIssue {
  path: string;
  message: string;
}

/** The first issue of a failed parse, as a dotted path (`role.id`, `members.0.user`) and its message. */
export function firstIssue(error: z.ZodError): FirstIssue {
  const issue = error.issues[0];
  return { path: issue ? issue.path.map(String).join(".") : "", message: issue?.message ?? "invalid" };
}

/** A parsed record, or the `malformed_record` warning that replaces it. */
export type ParsedRecord<T> = { ok: true; value: T } | { ok: false; warning: Warning };

/**
 * Parses one raw provider record with its schema. A record that fails becomes a `malformed_record` warning
 * naming its id (read at `idField` when it is a string or number) and the first failing field, so one bad
 * record is left out of a page instead of failing it. Never throws.
 *
 * @param what the record's kind in the provider's words, e.g. "user", "team" (used in the message).
 * @param options.idField where the raw record keeps its id (default "id");
 *   options.id the id when already known (a detail read of a listed record), used when the raw one is unreadable.
 */
export function parseRecord<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  what: string,
  options: { idField?: string; id?: string } = {},
): ParsedRecord<z.output<S>> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const issue = firstIssue(result.error);
  const id = readId(raw, options.idField ?? "id") ?? options.id;
  const field = issue.path === "" ? "the record itself" : `field ${issue.path}`;
  const warning: Warning = {
    code: "malformed_record",
    message: `The ${what}${id === undefined ? "" : ` ${id}`} was left out: ${field} is not valid (${issue.message}).`,
  };
  if (id !== undefined) warning.id = id;
  return { ok: false, warning };
}

/** Parses every raw record of a page: the good ones in order, and one warning per record left out. */
export function parseRecords<S extends z.ZodType>(
  schema: S,
  raws: readonly unknown[],
  what: string,
  options: { idField?: string } = {},
): { records: z.output<S>[]; warnings: Warning[] } {
  const records: z.output<S>[] = [];
  const warnings: Warning[] = [];
  for (const raw of raws) {
    const parsed = parseRecord(schema, raw, what, options);
    if (parsed.ok) records.push(parsed.value);
    else warnings.push(parsed.warning);
  }
  return { records, warnings };
}

function readId(raw: unknown, idField: string): string | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const id = (raw as Record<string, unknown>)[idField];
  if (typeof id === "string" && id !== "") return id;
  if (typeof id === "number" && Number.isFinite(id)) return String(id);
  return undefined;
}

/**
 * Parses a whole provider payload (an envelope, a single record). One that does not match its schema (drift, a
 * proxy in the way...) is a provider failure, not a Roster bug: AppError `remote_error` (502) naming what was
 * expected and the first failing field, with zod's issues (paths and messages only, never the payload). Lists
 * parse their items one by one instead (`parseRecords`), so one bad record does not fail a page.
 */
export function parsePayload<T extends z.ZodType>(
  provider: string,
  schema: T,
  payload: unknown,
  what: string,
): z.output<T> {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const first = firstIssue(result.error);
  throw new AppError("remote_error", {
    message: `${provider} returned an unexpected ${what} payload: field ${first.path || "(root)"} is not valid (${first.message}).`,
    details: {
      issues: result.error.issues.map((issue) => ({
        path: issue.path.map(String).join("."),
        message: issue.message,
      })),
    },
    cause: result.error,
  });
}

/**
 * A record's sub-list (e.g. a team's members) parsed item by item: every item, or, when any is malformed, the
 * `malformed_record` warning that leaves out the whole record (`what` and `id` name it). A record served with part
 * of its list would pass for all of it: a sync would remove the members the fault hid, and add them back later.
 * Never throws.
 */
export function parseSubRecords<S extends z.ZodType>(
  schema: S,
  raws: readonly unknown[],
  record: { what: string; id: string },
  itemWhat: string,
): ParsedRecord<z.output<S>[]> {
  const { records, warnings } = parseRecords(schema, raws, itemWhat);
  const first = warnings[0];
  if (!first) return { ok: true, value: records };
  const count = warnings.length === 1 ? `a ${itemWhat}` : `${warnings.length} ${itemWhat}s`;
  return {
    ok: false,
    warning: {
      code: "malformed_record",
      message: `The ${record.what} ${record.id} was left out: ${count} could not be read (${first.message})`,
      id: record.id,
    },
  };
}
