/** How the page was opened: by the SDK in a popup or an iframe, or directly (redirect / standalone). */
export type LinkMode = "popup" | "iframe" | "redirect";

export interface LinkLocation {
  /** Empty when the URL carries no token; the session call then reports an invalid link. */
  token: string;
  mode: LinkMode;
  /** Integration the embedding app asked for (`?integration=`); the token's own preset wins. */
  integration: string | null;
}

/** Reads `/link/<token>?mode=popup|iframe&integration=...`. */
export function readLinkLocation(location: Location): LinkLocation {
  const match = /\/link\/([^/]+)\/?$/.exec(location.pathname);
  const params = new URLSearchParams(location.search);
  const mode = params.get("mode");
  return {
    token: match?.[1] ? safeDecode(match[1]) : "",
    mode: mode === "popup" || mode === "iframe" ? mode : "redirect",
    integration: params.get("integration"),
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
