/**
 * Identifier discovery (reference §3): `GET /_edge/tenant_info` (no auth) → `{cloudId}`, and
 * `POST /gateway/api/graphql` answering only `tenantContexts(hostNames)` → `{cloudId, orgId, hostName}`;
 * GraphQL errors (another query, missing host names) arrive as 200 with `errors[]`.
 */
import { ok, type Reply } from "../kit/reply.ts";
import { type RequestContext, type Route, route } from "./route.ts";

function tenantInfo(ctx: RequestContext): Reply {
  return ok({ cloudId: ctx.state.cloudId });
}

const graphqlError = (message: string): Reply =>
  ok({ data: null, errors: [{ message, extensions: { statusCode: 400, errorSource: "GRAPHQL_GATEWAY" } }] });

function graphql(ctx: RequestContext): Reply {
  const body = (ctx.body ?? {}) as { query?: unknown; variables?: { hostNames?: unknown } };
  if (typeof body.query !== "string" || !/\btenantContexts\s*\(/.test(body.query))
    return graphqlError("The simulator answers only the tenantContexts query");
  const hostNames = body.variables?.hostNames;
  if (!Array.isArray(hostNames) || !hostNames.every((h) => typeof h === "string"))
    return graphqlError("Variable '$hostNames' of required type '[String!]!' was not provided.");
  const { site, cloudId, orgId } = ctx.state;
  const contexts = hostNames
    .filter((h) => h.toLowerCase() === site)
    .map(() => ({ cloudId, orgId, hostName: site }));
  return ok({ data: { tenantContexts: contexts } });
}

export const discoveryRoutes: Route[] = [
  route("edge", "public", "GET", "/_edge/tenant_info", tenantInfo),
  route("graphql", "user", "POST", "/gateway/api/graphql", graphql),
];
