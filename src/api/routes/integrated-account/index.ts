import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../../context.ts";
import { createAccountRoute } from "./create.ts";
import { deleteAccountRoute } from "./delete.ts";
import { getAccountRoute } from "./get.ts";
import { listAccountsRoute } from "./list.ts";
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
};
