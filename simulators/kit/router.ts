/**
 * A tiny provider-agnostic router: routes are grouped by segment count and matched segment by segment,
 * preferring static segments over parameters (so "/v2/schedules/on-calls" wins over
 * "/v2/schedules/:identifier"). Empty segments are ignored, so "/v2/users/" matches "/v2/users" (Opsgenie
 * accepts both). Parameters are percent-decoded; a malformed escape makes that route not match.
 */

/** What the router needs of a route. */
export interface RouteShape {
  method: string;
  /** Path template with `:name` parameters. */
  template: string;
}

interface Compiled<R> {
  route: R;
  segments: string[];
  /** Count of static segments, higher = more specific. */
  weight: number;
}

/** A matched route and its decoded parameters. */
export interface Match<R> {
  route: R;
  params: Record<string, string>;
}

/** A match; `methodNotAllowed` when the path exists for other methods only (405); undefined when unknown (404). */
export type MatchResult<R> = Match<R> | { methodNotAllowed: true } | undefined;

/** Matches a method and path against a fixed list of routes. */
export class Router<R extends RouteShape> {
  private readonly bySize = new Map<number, Compiled<R>[]>();

  constructor(routes: readonly R[]) {
    for (const route of routes) {
      const segments = split(route.template);
      const compiled = { route, segments, weight: segments.filter((s) => !s.startsWith(":")).length };
      const list = this.bySize.get(segments.length) ?? [];
      list.push(compiled);
      this.bySize.set(segments.length, list);
    }
    for (const list of this.bySize.values()) list.sort((a, b) => b.weight - a.weight);
  }

  /** Finds the most specific route for `path` (no query string) and `method`. */
  match(method: string, path: string): MatchResult<R> {
    const parts = split(path);
    const candidates = this.bySize.get(parts.length);
    if (!candidates) return undefined;
    let pathMatched = false;
    for (const c of candidates) {
      const params = matchSegments(c.segments, parts);
      if (!params) continue;
      if (c.route.method === method) return { route: c.route, params };
      pathMatched = true;
    }
    return pathMatched ? { methodNotAllowed: true } : undefined;
  }
}

function split(path: string): string[] {
  return path.split("/").filter((s) => s.length > 0);
}

function matchSegments(template: string[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i] as string;
    const p = parts[i] as string;
    if (t.startsWith(":")) {
      try {
        params[t.slice(1)] = decodeURIComponent(p);
      } catch {
        return undefined;
      }
    } else if (t !== p) {
      return undefined;
    }
  }
  return params;
}
