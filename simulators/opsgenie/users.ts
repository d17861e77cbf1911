/**
 * Users, read side (reference §3.1, §3.2, §3.6): the offset-paged list with sort/order/query and
 * absolute paging links, get by id or username, and the teams of a user.
 */
import { HttpError, ok, type Reply } from "../kit/reply.ts";
import type { UserSort } from "./directory.ts";
import { notFound, pageLinks, pagingHeaders, readLimitOffset } from "./envelope.ts";
import type { User } from "./model.ts";
import { type RequestContext, type Route, route } from "./route.ts";
import { compileUserQuery } from "./user-query.ts";
import { fullView, listJson, listView } from "./user-view.ts";

const SORTS: Record<string, UserSort> = {
  username: "username",
  fullName: "fullName",
  insertedAt: "insertedAt",
  createdAt: "insertedAt",
};

export function requireUser(ctx: RequestContext, identifier = ctx.params.identifier ?? ""): User {
  const user = ctx.state.dir.findUser(identifier);
  if (!user) throw notFound("User");
  return user;
}

function listUsers(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  const [limit, offset] = readLimitOffset(ctx.query, 100);
  const sortParam = ctx.query.get("sort") || "username";
  const sort = SORTS[sortParam];
  if (!sort)
    throw new HttpError(422, "Invalid sort", {
      errors: { sort: `Sort field '${sortParam}' is not supported` },
    });
  const orderParam = (ctx.query.get("order") || "asc").toLowerCase();
  if (orderParam !== "asc" && orderParam !== "desc") {
    throw new HttpError(422, "Invalid order", { errors: { order: "Order must be asc or desc" } });
  }
  const query = ctx.query.get("query") ?? "";
  const users = query.trim() ? dir.queryUsers(sort, query, compileUserQuery(query)) : dir.sortedUsers(sort);
  const total = users.length;
  const { anomalies } = ctx.state;
  const item = (user: User): string =>
    anomalies.isCorrupt(user.id)
      ? JSON.stringify(anomalies.corruptUser(user.id, listView(user)))
      : listJson(dir, user);
  const parts: string[] = [];
  if (orderParam === "asc") {
    for (let i = offset; i < Math.min(total, offset + limit); i++) parts.push(item(users[i] as User));
  } else {
    // Descending pages walk the cached ascending order from the end instead of keeping a second copy.
    for (let i = offset; i < Math.min(total, offset + limit); i++)
      parts.push(item(users[total - 1 - i] as User));
  }
  const extra: [string, string][] = [
    ["order", orderParam.toUpperCase()],
    ["sort", sortParam],
  ];
  if (query) extra.push(["query", query]);
  const paging = pageLinks({ baseUrl: ctx.baseUrl, path: "/v2/users", offset, limit, total, extra });
  return {
    status: 200,
    body: { totalCount: total, paging },
    rawData: `[${parts.join(",")}]`,
    headers: pagingHeaders(paging),
  };
}

function getUser(ctx: RequestContext): Reply {
  const user = requireUser(ctx);
  const expand = (ctx.query.get("expand") ?? "").split(",").includes("contact");
  return ok({
    data: ctx.state.anomalies.corruptUser(user.id, fullView(user, expand)),
    expandable: ["contact"],
  });
}

function userTeams(ctx: RequestContext): Reply {
  const user = requireUser(ctx);
  return ok({ data: ctx.state.dir.teamsOfUser(user.id).map((t) => ({ id: t.id, name: t.name })) });
}

export const userReadRoutes: Route[] = [
  route("GET", "/v2/users", listUsers, { domain: "search" }),
  route("GET", "/v2/users/:identifier", getUser),
  route("GET", "/v2/users/:identifier/teams", userTeams),
];
