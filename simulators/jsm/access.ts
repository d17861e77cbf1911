/**
 * What a caller may do beyond authenticating (reference §1.3, §2.4, §5.2, §7.6): JSM Ops needs a JSM agent
 * that is not a service account (Atlassian refuses service accounts on the Ops APIs, 403 with a title saying
 * so); custom roles need an Operations global admin; application roles need *Administer Jira*. Only the
 * seeded `admin` caller is an admin.
 */
import type { Reply } from "../kit/reply.ts";
import { errorBody } from "./apis.ts";
import type { Principal } from "./auth.ts";
import type { Route, SimState } from "./route.ts";

/** Title of the 403 a service account gets from JSM Ops. */
export const SERVICE_ACCOUNT_REFUSED =
  "Service accounts are not entitled to the Jira Service Management Operations REST API; use an Atlassian account with JSM agent access";
/** Title of the 403 a caller without a JSM agent licence gets from JSM Ops. */
export const NO_JSM_ACCESS =
  "You do not have access to Jira Service Management Operations: the account needs a Jira Service Management agent licence";
export const NOT_OPS_ADMIN = "Only Operations global admins can manage custom roles";
export const NOT_JIRA_ADMIN =
  "You are not authorized to perform this operation. Administer Jira permission is required.";

const refuse = (route: Route, message: string): Reply => ({
  status: 403,
  body: errorBody(route.api, 403, message),
});

/** The 403 refusing `key` on `route`, or undefined when it may call it. */
export function refusal(state: SimState, key: Principal, route: Route): Reply | undefined {
  if (route.access === "public" || route.access === "orgKey") return undefined;
  if (key.kind !== "user") return undefined;
  const caller = key.caller;
  const account = state.dir.accounts.get(caller.accountId);
  if (route.access === "jiraAdmin")
    return caller.kind === "admin" ? undefined : refuse(route, NOT_JIRA_ADMIN);
  if (route.access === "user") return undefined;
  if (caller.kind === "service" || account?.accountType === "app")
    return refuse(route, SERVICE_ACCOUNT_REFUSED);
  if (!account?.agent) return refuse(route, NO_JSM_ACCESS);
  if (route.access === "opsAdmin" && caller.kind !== "admin") return refuse(route, NOT_OPS_ADMIN);
  return undefined;
}
