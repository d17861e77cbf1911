import { AppError } from "../../core/errors.ts";
import type { OffsetLinksConfig } from "../../core/provider/pagination.ts";
import { getPath } from "../get-path.ts";
import { clampLimit, itemsAt, positionInt, totalAt } from "./shared.ts";
import type { PaginationStrategy } from "./types.ts";

export const offsetLinks: PaginationStrategy<OffsetLinksConfig> = {
  kind: "offset-links",

  pageQuery(position, limit, config) {
    return {
      [config.limitParam ?? "limit"]: String(clampLimit(limit, config.maxLimit)),
      [config.offsetParam ?? "offset"]: String(positionInt(position, "offset")),
    };
  },

  parse(body, headers, _request, config) {
    const items = itemsAt(body, config.itemsPath);
    const total = totalAt(body, config.totalPath);
    const fromBody = getPath(body, config.nextPath);
    const link =
      typeof fromBody === "string" && fromBody !== "" ? fromBody : headerLink(headers, config.nextHeader);
    if (link === undefined) return { items, next: null, total };
    return { items, next: { offset: String(offsetFromLink(link, config.offsetParam ?? "offset")) }, total };
  },
};

function headerLink(headers: Record<string, string>, name: string | undefined): string | undefined {
  const value = name ? headers[name.toLowerCase()] : undefined;
  return value ? value : undefined;
}

export function offsetFromLink(link: string, offsetParam: string): number {
  let url: URL;
  try {
    // The base only resolves relative links; the host of the link is never used.
    url = new URL(link, "http://relative.invalid");
  } catch {
    throw new AppError("remote_error", { message: "The provider's next-page link is not a URL." });
  }
  const raw = url.searchParams.get(offsetParam);
  if (raw === null || !/^\d{1,15}$/.test(raw)) {
    throw new AppError("remote_error", {
      message: `The provider's next-page link has no valid "${offsetParam}".`,
    });
  }
  return Number(raw);
}
