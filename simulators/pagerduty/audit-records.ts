/**
 * `GET /audit/records` (reference §1.5, §1.8): the account's audit trail newest first, cursor-paged as
 * `{ records, limit, next_cursor }` (null on the last page), filtered by `since`/`until` (ISO-8601),
 * `root_resource_types[]` and `actions[]`. Needs the `audit_records` ability (402) and a directory reader.
 * `limit` defaults to 25 and is capped to 100 [unverified]; the cursor is opaque (base64url of a position).
 */
import { ok, type Reply } from "../kit/reply.ts";
import type { AuditEntry } from "./audit.ts";
import { invalidInput } from "./errors.ts";
import { arrayParam } from "./list.ts";
import { type RequestContext, type Route, route } from "./route.ts";

const ROOT_TYPES = ["users", "teams", "schedules", "escalation_policies", "services", "ip_allow_lists"];
const ACTIONS = ["create", "update", "delete"];

function instant(ctx: RequestContext, name: "since" | "until"): number | undefined {
  const raw = ctx.query.get(name);
  if (raw === null || raw === "") return undefined;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) throw invalidInput(`${name} must be an ISO-8601 date-time`);
  return ms;
}

function enumParam(ctx: RequestContext, name: string, allowed: string[]): Set<string> | undefined {
  const values = arrayParam(ctx.query, name);
  const bad = values.find((v) => !allowed.includes(v));
  if (bad !== undefined) throw invalidInput(`${name}[] must be one of ${allowed.join(", ")}`);
  return values.length > 0 ? new Set(values) : undefined;
}

/** The position a cursor resumes before (records older than it), or a 400. */
function readCursor(raw: string | null): number {
  if (raw === null || raw === "") return Number.POSITIVE_INFINITY;
  const seq = Number(Buffer.from(raw, "base64url").toString("utf8"));
  if (!Number.isInteger(seq) || seq < 1) throw invalidInput("Invalid cursor");
  return seq;
}

function readLimit(raw: string | null): number {
  if (raw === null || raw === "") return 25;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw invalidInput("Limit must be a positive integer");
  return Math.min(n, 100);
}

function listRecords(ctx: RequestContext): Reply {
  const limit = readLimit(ctx.query.get("limit"));
  const before = readCursor(ctx.query.get("cursor"));
  const since = instant(ctx, "since");
  const until = instant(ctx, "until");
  const types = enumParam(ctx, "root_resource_types", ROOT_TYPES);
  const actions = enumParam(ctx, "actions", ACTIONS);
  const keep = (e: AuditEntry): boolean =>
    e.seq < before &&
    (since === undefined || e.at >= since) &&
    (until === undefined || e.at < until) &&
    (!types || types.has(e.rootType)) &&
    (!actions || actions.has(e.action));
  const page: AuditEntry[] = [];
  let more = false;
  const entries = ctx.state.dir.audit.entries;
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i] as AuditEntry;
    if (!keep(entry)) continue;
    if (page.length === limit) {
      more = true;
      break;
    }
    page.push(entry);
  }
  const last = page[page.length - 1];
  return ok({
    records: page.map((e) => e.json),
    limit,
    next_cursor: more && last ? Buffer.from(String(last.seq)).toString("base64url") : null,
  });
}

export const auditRoutes: Route[] = [
  route("GET", "/audit/records", listRecords, { directory: true, ability: "audit_records" }),
];
