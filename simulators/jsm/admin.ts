/**
 * The organization admin API (reference §4.4), `Bearer <org API key>`: `GET /admin/v1/orgs` and
 * `GET /admin/v1/orgs/{orgId}/users?cursor=` listing **managed accounts only** (claimed domains) with their
 * e-mail whatever the profile visibility, `account_status` active/inactive/closed (erased), `links.next` a
 * full URL absent on the last page, `meta.total`.
 */
import { ok, type Reply } from "../kit/reply.ts";
import { ApiError } from "./apis.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import type { Account } from "./model.ts";
import { type RequestContext, type Route, route } from "./route.ts";

function orgs(ctx: RequestContext): Reply {
  const { orgId, site } = ctx.state;
  return ok({
    data: [
      {
        id: orgId,
        type: "orgs",
        attributes: { name: site.replace(/\.atlassian\.net$/, "") },
        links: { self: `${ctx.baseUrl}/admin/v1/orgs/${orgId}` },
      },
    ],
    links: { self: `${ctx.baseUrl}/admin/v1/orgs` },
  });
}

const status = (a: Account): string => (a.erased ? "closed" : a.active ? "active" : "inactive");

function users(ctx: RequestContext): Reply {
  const { orgId, dir, adminPageSize } = ctx.state;
  if (ctx.params.orgId !== orgId)
    throw new ApiError("admin", 404, `Organization ${ctx.params.orgId} not found`);
  const cursor = ctx.query.get("cursor");
  const scope = `admin-users:${orgId}`;
  const offset = cursor ? decodeCursor(cursor, scope) : 0;
  if (offset === undefined) throw new ApiError("admin", 400, "Invalid cursor");
  const managed = dir.list().filter((a) => a.managed && a.accountType === "atlassian");
  const page = managed.slice(offset, offset + adminPageSize);
  const base = `${ctx.baseUrl}/admin/v1/orgs/${orgId}/users`;
  const links: Record<string, string> = { self: cursor ? `${base}?cursor=${cursor}` : base };
  if (offset > 0) links.prev = `${base}?cursor=${encodeCursor(scope, Math.max(0, offset - adminPageSize))}`;
  if (offset + adminPageSize < managed.length)
    links.next = `${base}?cursor=${encodeCursor(scope, offset + adminPageSize)}`;
  return ok({
    data: page.map((a) => ({
      account_id: a.accountId,
      account_type: a.accountType,
      account_status: status(a),
      name: a.displayName,
      picture: `https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/${encodeURIComponent(a.accountId)}/48`,
      email: a.email,
      access_billable: a.agent,
      last_active: "2026-11-01T09:00:00.000Z",
      product_access: a.agent
        ? [{ key: "jira-service-desk", name: "Jira Service Management", url: `https://${ctx.state.site}` }]
        : [],
      links: { self: `${base}/${encodeURIComponent(a.accountId)}` },
    })),
    links,
    meta: { total: managed.length },
  });
}

export const adminRoutes: Route[] = [
  route("admin", "orgKey", "GET", "/admin/v1/orgs", orgs),
  route("admin", "orgKey", "GET", "/admin/v1/orgs/:orgId/users", users),
];
