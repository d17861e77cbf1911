/**
 * Who may call what (reference §1.1): read-only account keys never write; user keys act with their user's
 * role (only owners and admins change the directory, restricted users may not read it); `/users/me` needs a
 * user key; plan-gated routes need their account ability (402).
 */
import type { HttpError } from "../kit/reply.ts";
import type { KeyInfo } from "./auth.ts";
import { abilityMissing, accessDenied, invalidInput } from "./errors.ts";
import type { Route, SimState } from "./route.ts";
import { ADMIN_ROLES, DIRECTORY_BLIND_ROLES } from "./vocabulary.ts";

/** The error refusing `key` on `route`, or undefined when it may call it. */
export function refusal(state: SimState, key: KeyInfo, route: Route): HttpError | undefined {
  const write = route.method !== "GET";
  if (key.readOnly && write) return accessDenied("This API key has read-only access");
  const user = key.userId ? state.dir.users.get(key.userId) : undefined;
  if (user) {
    if (write && !ADMIN_ROLES.includes(user.role))
      return accessDenied(`A user with the '${user.role}' role may not perform this action`);
    if (route.directory && DIRECTORY_BLIND_ROLES.includes(user.role))
      return accessDenied(`A user with the '${user.role}' role may not list this resource`);
  } else if (route.userKeyOnly) {
    // [unverified] wording; the spec says /users/me "will not work" with an account-level key.
    return invalidInput(
      "Because this request was made using an account-level access token, we were unable to determine the user's identity. Please use a user-level token.",
    );
  }
  if (route.ability && !state.dir.abilities.has(route.ability)) return abilityMissing(route.ability);
  return undefined;
}
