import { ProviderHttpError } from "./contract.ts";
import type { ParsedRecord } from "./parse-records.ts";
import { recordVanished } from "./warnings.ts";

/**
 * The detail read of a record a list just named (e.g. a team's members when its list carries none). A 404
 * means the record was deleted in between: it becomes a `record_vanished` warning instead of failing the
 * page. Any other failure is rethrown; `read` reports a malformed record itself (see `parseRecord`).
 *
 * @param what the record's kind in the provider's words, e.g. "team".
 */
export async function readListedRecord<T>(
  what: string,
  id: string,
  read: () => Promise<ParsedRecord<T>>,
): Promise<ParsedRecord<T>> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ProviderHttpError && error.status === 404)
      return { ok: false, warning: recordVanished(what, id) };
    throw error;
  }
}
