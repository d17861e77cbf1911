/**
 * Targeted faults for tests that need one request to misbehave, not a random share of them: each rule names
 * a path (and optionally a method, an `offset` and which of the matching requests), and what goes wrong.
 * The random faults of faults.ts are untouched; a request a rule matches skips them.
 *
 * Kinds:
 * - `5xx`: a 500/502/503 with the provider's error body (`status`, default 503).
 * - `hang`: no answer for `delayMs` (default: until the client gives up or the simulator closes).
 * - `repeat-next`: a list's last page points at its own offset again as its next page, the paging loop some
 *   real services produce (the provider's Dialect says how, in `repeatNext`).
 */

export type FaultRuleKind = "5xx" | "hang" | "repeat-next";

export interface FaultRule {
  kind: FaultRuleKind;
  /** Request path, compared without a trailing slash, e.g. "/v2/users" or "/v2/request-limits". */
  path: string;
  /** Default: any method. */
  method?: string;
  /** Only requests whose `offset` query parameter (0 when absent) equals this. */
  offset?: number;
  /** Lets the first `after` matching requests through untouched (default 0). */
  after?: number;
  /** Applies to this many matching requests after those, then stops (default: every one). */
  times?: number;
  /** `5xx` only: 500, 502 or 503 (default 503). */
  status?: 500 | 502 | 503;
  /** `hang` only: answer normally after this many milliseconds. */
  delayMs?: number;
}

const KINDS: readonly FaultRuleKind[] = ["5xx", "hang", "repeat-next"];
const FIELDS = new Set(["kind", "path", "method", "offset", "after", "times", "status", "delayMs"]);

const trimSlash = (path: string): string => (path.length > 1 ? path.replace(/\/+$/, "") : path);

/** The rules in force and how many requests each has matched so far. */
export class FaultRules {
  private rules: { rule: FaultRule; seen: number }[] = [];

  /** Replaces every rule (an empty list clears them) and restarts their counts. */
  set(rules: FaultRule[]): FaultRule[] {
    this.rules = rules.map((rule) => ({ rule: { ...rule, path: trimSlash(rule.path) }, seen: 0 }));
    return this.list();
  }

  list(): FaultRule[] {
    return this.rules.map(({ rule }) => ({ ...rule }));
  }

  /** The first rule that applies to this request, counting the request against every rule it matches. */
  match(method: string, path: string, query: URLSearchParams): FaultRule | undefined {
    const offset = Number(query.get("offset") || 0);
    let hit: FaultRule | undefined;
    for (const entry of this.rules) {
      const { rule } = entry;
      if (rule.path !== trimSlash(path)) continue;
      if (rule.method !== undefined && rule.method.toUpperCase() !== method) continue;
      if (rule.offset !== undefined && rule.offset !== offset) continue;
      const index = entry.seen++;
      const after = rule.after ?? 0;
      if (index < after || (rule.times !== undefined && index >= after + rule.times)) continue;
      hit ??= rule;
    }
    return hit;
  }
}

/** Validates a JSON body for PUT /__sim/fault-rules: an array of rules. */
export function checkFaultRules(input: unknown): FaultRule[] {
  if (!Array.isArray(input)) throw new Error("fault rules must be an array");
  return input.map((raw, i) => {
    const at = `fault rule ${i}`;
    if (typeof raw !== "object" || raw === null) throw new Error(`${at} must be an object`);
    const rule = raw as Record<string, unknown>;
    for (const name of Object.keys(rule))
      if (!FIELDS.has(name)) throw new Error(`${at}: unknown field "${name}"`);
    if (!KINDS.includes(rule.kind as FaultRuleKind))
      throw new Error(`${at}: kind must be one of ${KINDS.join(", ")}`);
    if (typeof rule.path !== "string" || !rule.path.startsWith("/"))
      throw new Error(`${at}: path must start with "/"`);
    if (rule.method !== undefined && typeof rule.method !== "string")
      throw new Error(`${at}: method must be a string`);
    for (const name of ["offset", "after", "times", "delayMs"] as const) {
      const value = rule[name];
      if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 0))
        throw new Error(`${at}: ${name} must be a non-negative integer`);
    }
    if (rule.status !== undefined && ![500, 502, 503].includes(rule.status as number))
      throw new Error(`${at}: status must be 500, 502 or 503`);
    return rule as unknown as FaultRule;
  });
}
