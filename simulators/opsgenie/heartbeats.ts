/** Heartbeats (reference §9): note the list is an object, `data: { heartbeats: [...] }`, not an array. */
import { ok } from "../kit/reply.ts";
import { notFound } from "./envelope.ts";
import { type Route, route } from "./route.ts";

const flags = { domain: "heartbeat", accountLevel: false } as const;

export const heartbeatRoutes: Route[] = [
  route("GET", "/v2/heartbeats", (ctx) => ok({ data: { heartbeats: ctx.state.ops.heartbeats } }), flags),
  route(
    "GET",
    "/v2/heartbeats/:name",
    (ctx) => {
      const found = ctx.state.ops.heartbeats.find((h) => h.name === ctx.params.name);
      if (!found) throw notFound("Heartbeat");
      return ok({ data: found });
    },
    flags,
  ),
];
