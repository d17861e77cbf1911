import { AppError } from "../core/errors.ts";
import { ownValue } from "../core/own-key.ts";
import type { QueryValues } from "../core/provider/contract.ts";

/**
 * Fills `{param}` segments of a provider path from query parameters. Values are URL-encoded, so a caller
 * cannot add segments (`../`, `/`) to the path; the used parameters are removed from what is forwarded.
 * Throws AppError `validation_failed` when a segment's parameter is missing, empty or given more than once.
 */
export function fillPath(
  template: string,
  query: QueryValues,
): { path: string; rest: QueryValues; used: Record<string, string> } {
  const rest = { ...query };
  const used: Record<string, string> = {};
  const path = template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = ownValue(rest, name);
    if (value !== undefined && typeof value !== "string") {
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
