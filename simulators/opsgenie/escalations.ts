/** Escalations (reference §9): list and get by id or name. */
import { ok } from "../kit/reply.ts";
import { notFound } from "./envelope.ts";
import { type Route, route } from "./route.ts";
import { identifierType } from "./team-lookup.ts";

export const escalationRoutes: Route[] = [
  route("GET", "/v2/escalations", (ctx) => ok({ data: ctx.state.ops.escalations }), { accountLevel: false }),
  route(
    "GET",
    "/v2/escalations/:identifier",
    (ctx) => {
      const field = identifierType(ctx, "identifierType");
      const found = ctx.state.ops.escalations.find((e) => e[field] === ctx.params.identifier);
      if (!found) throw notFound("Escalation");
      return ok({ data: found });
    },
    { accountLevel: false },
  ),
];
