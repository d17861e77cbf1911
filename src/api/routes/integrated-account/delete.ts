import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { AppError } from "../../../core/errors.ts";
import { recordAccountEvent } from "../../../events/account-events.ts";
import { IntegratedAccountRepository } from "../../../store/integrated-accounts.ts";
import type { AppContext } from "../../context.ts";
import { commonErrors, deletedSchema, idParams } from "../../schemas.ts";

export const deleteAccountRoute: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.withTypeProvider<ZodTypeProvider>().delete(
    "/integrated-account/:id",
    {
      schema: {
        tags: ["integrated accounts"],
        summary: "Delete an integrated account, erasing its credentials and stored data",
        params: idParams,
        response: { 200: deletedSchema, ...commonErrors },
      },
    },
    async (request) => {
      // The deletion and its integrated_account.deleted event commit together (the webhook outbox).
      const deleted = await context.store.db.transaction().execute(async (trx) => {
        const accounts = new IntegratedAccountRepository(trx);
        const account = await accounts.get(request.environmentId, request.params.id);
        if (!account || !(await accounts.delete(request.environmentId, account.id))) return false;
        await recordAccountEvent(trx, account, "integrated_account.deleted");
        return true;
      });
      if (!deleted) throw new AppError("not_found", { message: "No such integrated account." });
      context.sessions.forget(request.params.id);
      return { id: request.params.id };
    },
  );
};
