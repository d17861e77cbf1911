/** The explicit list of every Opsgenie route the simulator serves, one import per resource family. */
import { accountRoutes } from "./account.ts";
import { alertRoutes } from "./alerts.ts";
import { contactRoutes } from "./contacts.ts";
import { escalationRoutes } from "./escalations.ts";
import { heartbeatRoutes } from "./heartbeats.ts";
import { incidentRoutes } from "./incidents.ts";
import { integrationRoutes } from "./integrations.ts";
import { roleRoutes } from "./roles.ts";
import type { Route } from "./route.ts";
import { scheduleRoutes } from "./schedules.ts";
import { serviceRoutes } from "./services.ts";
import { teamMemberRoutes } from "./team-members.ts";
import { teamRoutes } from "./teams.ts";
import { userWriteRoutes } from "./user-writes.ts";
import { userReadRoutes } from "./users.ts";

export const allRoutes: Route[] = [
  ...userReadRoutes,
  ...userWriteRoutes,
  ...contactRoutes,
  ...teamRoutes,
  ...teamMemberRoutes,
  ...roleRoutes,
  ...accountRoutes,
  ...scheduleRoutes,
  ...escalationRoutes,
  ...heartbeatRoutes,
  ...alertRoutes,
  ...incidentRoutes,
  ...serviceRoutes,
  ...integrationRoutes,
];
