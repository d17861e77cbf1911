/** Integrations (reference §9): list (filters `type`, `teamId`, `teamName`) and get by id. */
import { ok } from "../kit/reply.ts";
import { notFound } from "./envelope.ts";
import { type Route, route } from "./route.ts";

export const integrationRoutes: Route[] = [
  route(
    "GET",
    "/v2/integrations",
    (ctx) => {
      const type = ctx.query.get("type");
      let teamId = ctx.query.get("teamId");
      const teamName = ctx.query.get("teamName");
      if (teamName) teamId = ctx.state.dir.findTeam(teamName, "name")?.id ?? "\u0000none";
      const data = ctx.state.ops.integrations.filter(
        (i) => (!type || i.type === type) && (!teamId || i.teamId === teamId),
      );
      return ok({ data });
    },
    { accountLevel: false },
  ),
  route(
    "GET",
    "/v2/integrations/:id",
    (ctx) => {
      const found = ctx.state.ops.integrations.find((i) => i.id === ctx.params.id);
      if (!found) throw notFound("Integration");
      const owner = typeof found.teamId === "string" ? ctx.state.dir.teams.get(found.teamId) : undefined;
      const data = {
        ...found,
        ownerTeam: owner ? { id: owner.id, name: owner.name } : undefined,
        allowWriteAccess: true,
      };
      return ok({ data });
    },
    { accountLevel: false },
  ),
];
