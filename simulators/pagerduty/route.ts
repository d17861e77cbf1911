/**
 * PagerDuty's routes: the kit's Route plus what a call needs beyond a valid key (a write, a directory read,
 * an account ability, a user-level key), and the state handlers read. Access is enforced once, in the
 * dialect's `forbidden`, from these flags; handlers only check what depends on the record (e.g. `From`).
 */
import type { RequestContext as KitRequestContext, Route as KitRoute } from "../kit/route.ts";
import type { KeyInfo, KeyRing, Region } from "./auth.ts";
import type { Directory } from "./directory.ts";
import type { OpsData } from "./ops-data.ts";
import type { Domain } from "./rate-limits.ts";

/** What handlers read and change. */
export interface SimState {
  dir: Directory;
  ops: OpsData;
  keys: KeyRing;
  region: Region;
}

export type RequestContext = KitRequestContext<SimState, KeyInfo>;

export interface Route extends KitRoute<RequestContext, Domain> {
  /** Reads the account's directory (all users, teams, licenses, audit): refused to restricted user keys. */
  directory: boolean;
  /** The account ability the call needs (402 without it). */
  ability?: string;
  /** Only a user-level key can answer "who am I" (`/users/me`). */
  userKeyOnly?: boolean;
}

/** A route with defaults: no directory read, no ability, any key. */
export function route(
  method: Route["method"],
  template: string,
  handler: Route["handler"],
  flags: Partial<Pick<Route, "directory" | "ability" | "userKeyOnly">> = {},
): Route {
  return {
    method,
    template,
    handler,
    domain: "rest",
    directory: flags.directory ?? false,
    ability: flags.ability,
    userKeyOnly: flags.userKeyOnly,
  };
}
