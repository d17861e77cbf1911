/** Services (`/v1/services`, reference §9): offset paged with `paging{next,first,last}` (no prev), get. */
import { ok } from "../kit/reply.ts";
import { notFound, pageLinks, readLimitOffset } from "./envelope.ts";
import { type Route, route } from "./route.ts";

export const serviceRoutes: Route[] = [
  route(
    "GET",
    "/v1/services",
    (ctx) => {
      const [limit, offset] = readLimitOffset(ctx.query, 20);
      const all = ctx.state.ops.services;
      const links = pageLinks({
        baseUrl: ctx.baseUrl,
        path: "/v1/services",
        offset,
        limit,
        total: all.length,
        extra: [],
      });
      const paging: Record<string, string> = { first: links.first, last: links.last };
      if (links.next) paging.next = links.next;
      const data = all.slice(offset, offset + limit).map((s) => ({
        ...s,
        links: { web: `https://app.opsgenie.com/service/${s.id}`, api: `${ctx.baseUrl}/v1/services/${s.id}` },
      }));
      return ok({ data, paging });
    },
    { accountLevel: false },
  ),
  route(
    "GET",
    "/v1/services/:id",
    (ctx) => {
      const found = ctx.state.ops.services.find((s) => s.id === ctx.params.id);
      if (!found) throw notFound("Service");
      return ok({ data: found });
    },
    { accountLevel: false },
  ),
];
