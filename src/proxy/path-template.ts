import { AppError } from "../core/errors.ts";
import { ownValue } from "../core/own-key.ts";

/** A caller's query parameters as forwarded to a provider: one value, or every value of a repeated parameter. */
export type ForwardedQuery = Record<string, string | string[]>;

/**
 * Fills `{param}` segments of a provider path from query parameters. Values are URL-encoded, so a caller
 * cannot add segments (`../`, `/`) to the path; the used parameters are removed from what is forwarded.
 * Throws AppError `validation_failed` when a segment's parameter is missing, empty or given more than once.
 */
export function fillPath(
  template: string,
  query: ForwardedQuery,
): { path: string; rest: ForwardedQuery; used: Record<string, string> } {
  const rest = { ...query };
  const used: Record<string, string> = {};
  const path = template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = ownValue(rest, name);
    if (Array.isArray(value)) {
      throw new AppError("validation_failed", {
        message: `The query parameter ${name} names a path segment: give it once.`,
      });
    }
    if (value === undefined || value === "") {
      throw new AppError("validation_failed", {
        message: `The query parameter ${name} is required for this resource.`,
      });
    }
    used[name] = value;
    delete rest[name];
    return encodeSegment(value);
  });
  return { path, rest, used };
}

export function encodeSegment(value: string): string {
  if (value === "." || value === "..")
    throw new AppError("invalid_path", { message: "A path segment may not be . or .." });
  return encodeURIComponent(value);
}
