/** The explicit list of every PagerDuty route the simulator serves, one import per resource family. */
import { abilityRoutes } from "./abilities.ts";
import { auditRoutes } from "./audit-records.ts";
import { licenseRoutes } from "./licenses.ts";
import { opsRoutes } from "./ops-routes.ts";
import type { Route } from "./route.ts";
import { teamMemberRoutes } from "./team-members.ts";
import { teamRoutes } from "./teams.ts";
import { userWriteRoutes } from "./user-writes.ts";
import { userReadRoutes } from "./users.ts";

export const allRoutes: Route[] = [
  ...userReadRoutes,
  ...userWriteRoutes,
  ...licenseRoutes,
  ...teamRoutes,
  ...teamMemberRoutes,
  ...abilityRoutes,
  ...auditRoutes,
  ...opsRoutes,
];
