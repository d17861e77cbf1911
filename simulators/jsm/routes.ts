/** The explicit list of every route the JSM simulator serves, one import per API. */
import { adminRoutes } from "./admin.ts";
import { discoveryRoutes } from "./discovery.ts";
import { jiraUserRoutes } from "./jira-users.ts";
import { licenceRoutes } from "./licences.ts";
import { opsRoutes } from "./ops.ts";
import { opsResourceRoutes } from "./ops-resources.ts";
import type { Route } from "./route.ts";
import { teamsRoutes } from "./teams.ts";

export const allRoutes: Route[] = [
  ...discoveryRoutes,
  ...jiraUserRoutes,
  ...licenceRoutes,
  ...opsRoutes,
  ...opsResourceRoutes,
  ...teamsRoutes,
  ...adminRoutes,
];
