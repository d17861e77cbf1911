import { AppError } from "../core/errors.ts";

/** Query values; a list is sent as repeated parameters. */
export type Query = Record<string, string | readonly string[] | undefined>;

/**
 * Joins the operator's base URL (origin + optional base path) with a relative path and query. The result is
 * checked to stay under the base path, so a path like "/../admin" can never escape it.
 */
export function buildUrl(baseUrl: string, path: string, query: Query = {}): URL {
  const base = new URL(baseUrl);
  if (base.protocol !== "https:" && base.protocol !== "http:") {
    throw new AppError("invalid_path", { message: "The provider base URL must use http or https." });
  }
  if (!path.startsWith("/") || path.startsWith("//")) {
    throw new AppError("invalid_path", { message: "The provider path must be relative and start with '/'." });
  }
  const basePath = base.pathname.replace(/\/+$/, "");
  const url = new URL(base.origin);
  url.pathname = `${basePath}${path}`;
  if (basePath !== "" && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) {
    throw new AppError("invalid_path", { message: "The provider path escapes the base path." });
  }
  if (/(^|\/)\.\.?(\/|$)/.test(path)) {
    throw new AppError("invalid_path", { message: "The provider path must not contain dot segments." });
  }
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of typeof value === "string" ? [value] : value) url.searchParams.append(name, item);
  }
  return url;
}
