/**
 * `self` and `html_url` links and `*_reference` objects. `self` uses the host the client called (so links
 * lead back to the simulator, as they lead back to api.pagerduty.com); `html_url` the account's web origin.
 */
import type { Json } from "../kit/reply.ts";
import type { RequestContext } from "./route.ts";

/** The two origins of an account's links. */
export interface Links {
  /** The API origin, e.g. "http://127.0.0.1:41234". */
  api: string;
  /** The web app origin, e.g. "https://acme-1.pagerduty.com". */
  web: string;
}

/** The links of the account `ctx` calls. */
export function linksOf(ctx: RequestContext): Links {
  return { api: ctx.baseUrl, web: ctx.state.dir.webUrl };
}

/** The kinds of object that have references, with their API and web paths. */
const PATHS = {
  user: ["users", "users"],
  team: ["teams", "teams"],
  schedule: ["schedules", "schedules"],
  escalation_policy: ["escalation_policies", "escalation_policies"],
  service: ["services", "service-directory"],
  incident: ["incidents", "incidents"],
} as const;
export type Kind = keyof typeof PATHS;

/** The `self` URL of an object of `kind`. */
export function selfUrl(links: Links, kind: Kind, id: string): string {
  return `${links.api}/${PATHS[kind][0]}/${id}`;
}

/** The id/type/summary/self/html_url head every full object starts with (`type` is `kind` itself). */
export function head(links: Links, kind: Kind, id: string, summary: string): Json {
  return {
    id,
    type: kind,
    summary,
    self: selfUrl(links, kind, id),
    html_url: `${links.web}/${PATHS[kind][1]}/${id}`,
  };
}

/** `{ id, type: "<kind>_reference", summary, self, html_url }`. */
export function reference(links: Links, kind: Kind, id: string, summary: string): Json {
  return { ...head(links, kind, id, summary), type: `${kind}_reference` };
}
