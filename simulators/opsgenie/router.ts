/**
 * A tiny router: routes are grouped by segment count and matched segment by segment, preferring static
 * segments over parameters (so "/v2/schedules/on-calls" wins over "/v2/schedules/:identifier").
 * A trailing slash is ignored, as Opsgenie accepts both "/v2/users" and "/v2/users/".
 */
import type { Route } from "./route.ts";

interface Compiled {
  route: Route;
  segments: string[];
  /** Count of static segments, higher = more specific. */
  weight: number;
}

export interface Match {
  route: Route;
  params: Record<string, string>;
}

export type MatchResult = Match | { methodNotAllowed: true } | undefined;

export class Router {
  private readonly bySize = new Map<number, Compiled[]>();

  constructor(routes: Route[]) {
    for (const route of routes) {
      const segments = split(route.template);
      const compiled = { route, segments, weight: segments.filter((s) => !s.startsWith(":")).length };
      const list = this.bySize.get(segments.length) ?? [];
      list.push(compiled);
      this.bySize.set(segments.length, list);
    }
    for (const list of this.bySize.values()) list.sort((a, b) => b.weight - a.weight);
  }

  match(method: string, path: string): MatchResult {
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
