import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../../context.ts";
import { createAccountRoute } from "./create.ts";
import { deleteAccountRoute } from "./delete.ts";
import { getAccountRoute } from "./get.ts";
import { idMapRoute } from "./id-map.ts";
import { listAccountsRoute } from "./list.ts";
import { migrateAccountRoute } from "./migrate.ts";
import { seatHistoryRoute } from "./seat-history.ts";
import { updateAccountRoute } from "./update.ts";

export const integratedAccountRoutes: FastifyPluginAsync<{ context: AppContext }> = async (
  app,
  { context },
) => {
  await app.register(listAccountsRoute, { context });
  await app.register(getAccountRoute, { context });
  await app.register(createAccountRoute, { context });
  await app.register(updateAccountRoute, { context });
  await app.register(deleteAccountRoute, { context });
  await app.register(migrateAccountRoute, { context });
  await app.register(idMapRoute, { context });
  await app.register(seatHistoryRoute, { context });
};
