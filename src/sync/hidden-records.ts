import { isAppError } from "../core/errors.ts";
import { hidesRecords, type Warning } from "../core/provider/warnings.ts";

/** What a run could not see of one resource because of a fault: some ids, or the whole resource. */
export interface HiddenRecords {
  /** The resource was refused (in part): every stored record it did not see is kept. */
  all: boolean;
  /** Records the run saw but could not read (malformed): their stored copies are kept. */
  ids: ReadonlySet<string>;
}

/**
 * Reads a run's warnings for `resource`: a warning that hides records protects its id, or the whole resource
 * when it names none (a refusal, or a malformed record without a readable id). A vanished record hides
 * nothing: the run asks for it by id before it may be tombstoned.
 */
export function hiddenRecords(warnings: readonly Warning[], resource: string): HiddenRecords {
  let all = false;
  const ids = new Set<string>();
  for (const warning of warnings) {
    if (warning.resource !== resource || !hidesRecords(warning)) continue;
    if (warning.id === undefined) all = true;
    else ids.add(warning.id);
  }
  return { all, ids };
}

/**
 * A resource the provider refused to list for the account's plan or key (402 or 403, whatever the provider):
 * the run skips it with this warning and keeps its stored records. Undefined for any other failure.
 */
export function refusedResource(error: unknown, resource: string): Warning | undefined {
  // A provider 403 arrives as insufficient_access, a 402 (a plan without the feature) as remote_error.
  if (!isAppError(error) || (error.code !== "remote_error" && error.code !== "insufficient_access"))
    return undefined;
  const status = error.remote?.status;
  if (status !== 402 && status !== 403) return undefined;
  return {
    code: "resource_not_permitted",
    message: `The account may not read ${resource}: ${error.message}`,
    resource,
  };
}
