/**
 * Seats (reference §4.5): `GET /rest/api/3/applicationrole/jira-servicedesk` and `/applicationrole`, needing
 * *Administer Jira*. `userCount` is the active people holding a JSM agent seat, `remainingSeats` =
 * `numberOfSeats - userCount`; an unlimited licence reports `hasUnlimitedSeats: true` with -1 seats
 * [unverified: the numbers on unlimited plans].
 */
import { type Json, ok, type Reply } from "../kit/reply.ts";
import { ApiError } from "./apis.ts";
import { type RequestContext, type Route, route } from "./route.ts";

/** The group whose members hold the JSM licence. */
export const AGENT_GROUP = "jira-servicemanagement-users";

function serviceDeskRole(ctx: RequestContext): Json {
  const { dir } = ctx.state;
  const users = dir.agentCount();
  const seats = dir.licence.seats;
  const group = {
    groupId: "6e1f4c52-2f0d-4c4b-9d0e-8f3b1a7c5d21",
    name: AGENT_GROUP,
    self: `${ctx.baseUrl}/rest/api/3/group?groupId=6e1f4c52-2f0d-4c4b-9d0e-8f3b1a7c5d21`,
  };
  return {
    key: "jira-servicedesk",
    groups: [AGENT_GROUP],
    groupDetails: [group],
    name: "Jira Service Management",
    defaultGroups: [AGENT_GROUP],
    defaultGroupsDetails: [group],
    selectedByDefault: false,
    defined: false,
    numberOfSeats: seats ?? -1,
    remainingSeats: seats === null ? -1 : seats - users,
    userCount: users,
    userCountDescription: "agents",
    hasUnlimitedSeats: seats === null,
    platform: false,
  };
}

function one(ctx: RequestContext): Reply {
  if (ctx.params.key !== "jira-servicedesk")
    throw new ApiError("jira", 404, `The application role with key '${ctx.params.key}' does not exist.`);
  return ok(serviceDeskRole(ctx));
}

function all(ctx: RequestContext): Reply {
  return { status: 200, body: {}, rawData: JSON.stringify([serviceDeskRole(ctx)]) };
}

export const licenceRoutes: Route[] = [
  route("jira", "jiraAdmin", "GET", "/rest/api/3/applicationrole/:key", one),
  route("jira", "jiraAdmin", "GET", "/rest/api/3/applicationrole", all),
];
