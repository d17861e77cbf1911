/**
 * Jira's user reads (reference §4.3): `GET /rest/api/3/users/search` (and `/users`) as a bare array paged by
 * `startAt`/`maxResults` (default 50, at most 1000) of every account (people, apps, customers, inactive and
 * erased ones). A page holds at most `jiraUserPageCap` accounts whatever `maxResults` asks, so clients must
 * advance by what they received and stop on an empty page [unverified: the cap]. Also `/user?accountId=`,
 * `/user/search?query=`
 * and `/myself`.
 */
import { readWindow } from "../kit/offset-list.ts";
import { ok, type Reply } from "../kit/reply.ts";
import { ApiError } from "./apis.ts";
import { type RequestContext, type Route, route } from "./route.ts";
import { jiraUser } from "./user-view.ts";

const invalid = (_which: string, param: string): Error =>
  new ApiError("jira", 400, `The value of '${param}' must be a non-negative integer.`);

/** A bare JSON array reply (the dialect sends `rawData` as the whole body when `body` is empty). */
function arrayReply(items: unknown[]): Reply {
  return { status: 200, body: {}, rawData: JSON.stringify(items) };
}

function searchUsers(ctx: RequestContext): Reply {
  const { offset, limit } = readWindow(ctx.query, {
    limitParam: "maxResults",
    offsetParam: "startAt",
    defaultLimit: 50,
    maxLimit: 1000,
    invalid,
  });
  const size = Math.min(limit, ctx.state.jiraUserPageCap);
  const page = ctx.state.dir.list().slice(offset, offset + size);
  return arrayReply(page.map((a) => jiraUser(a, ctx.baseUrl)));
}

/**
 * `GET /user/search?query=`: accounts whose display name contains `query` or whose e-mail starts with it,
 * case-insensitively (a hidden e-mail still matches an exact address, as migrations rely on [unverified]);
 * without a query, 400. Same window as users/search.
 */
function searchByQuery(ctx: RequestContext): Reply {
  const query = (ctx.query.get("query") ?? "").trim().toLowerCase();
  if (!query)
    throw new ApiError("jira", 400, "One of 'query' or 'accountId' query parameters needs to be provided.");
  const { offset, limit } = readWindow(ctx.query, {
    limitParam: "maxResults",
    offsetParam: "startAt",
    defaultLimit: 50,
    maxLimit: 1000,
    invalid,
  });
  const matches = ctx.state.dir.list().filter((a) => {
    if (a.erased) return false;
    const email = a.email?.toLowerCase() ?? "";
    return (
      a.displayName.toLowerCase().includes(query) ||
      (a.emailVisible ? email.startsWith(query) : email === query)
    );
  });
  return arrayReply(matches.slice(offset, offset + limit).map((a) => jiraUser(a, ctx.baseUrl)));
}

function getUser(ctx: RequestContext): Reply {
  const id = ctx.query.get("accountId");
  if (!id) throw new ApiError("jira", 400, "The accountId query parameter needs to be provided.");
  const account = ctx.state.dir.accounts.get(id);
  if (!account)
    throw new ApiError("jira", 404, `Specified user does not exist or you do not have required permissions`);
  return ok(jiraUser(account, ctx.baseUrl, (ctx.query.get("expand") ?? "") !== ""));
}

function myself(ctx: RequestContext): Reply {
  if (ctx.key.kind !== "user")
    throw new ApiError("jira", 401, "Client must be authenticated to access this resource.");
  const account = ctx.state.dir.accounts.get(ctx.key.caller.accountId);
  if (!account) throw new ApiError("jira", 404, "User does not exist");
  // The caller always sees their own e-mail.
  return ok(jiraUser({ ...account, emailVisible: true }, ctx.baseUrl, true));
}

export const jiraUserRoutes: Route[] = [
  route("jira", "user", "GET", "/rest/api/3/users/search", searchUsers),
  route("jira", "user", "GET", "/rest/api/3/users", searchUsers),
  route("jira", "user", "GET", "/rest/api/3/user", getUser),
  route("jira", "user", "GET", "/rest/api/3/user/search", searchByQuery),
  route("jira", "user", "GET", "/rest/api/3/myself", myself),
];
