/** Incidents — still v1 (`/v1/incidents`, reference §1, §9): offset-paged list and get by id|tiny. */
import { HttpError, ok } from "../kit/reply.ts";
import { notFound } from "./envelope.ts";
import { queryList } from "./query-list.ts";
import { type Route, route } from "./route.ts";

const flags = { domain: "incident", config: false, accountLevel: false } as const;

export const incidentRoutes: Route[] = [
  route(
    "GET",
    "/v1/incidents",
    (ctx) => queryList(ctx, ctx.state.ops.incidents, "/v1/incidents", (i) => i),
    flags,
  ),
  route(
    "GET",
    "/v1/incidents/:identifier",
    (ctx) => {
      const type = ctx.query.get("identifierType") ?? "id";
      if (type !== "id" && type !== "tiny") {
        throw new HttpError(422, "Invalid identifierType", {
          errors: { identifierType: "must be one of id, tiny" },
        });
      }
      const field = type === "tiny" ? "tinyId" : "id";
      const found = ctx.state.ops.incidents.find((i) => i[field] === ctx.params.identifier);
      if (!found) throw notFound("Incident");
      return ok({ data: found });
    },
    flags,
  ),
];
