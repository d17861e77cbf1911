import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { AppError } from "../../../core/errors.ts";
import { recordAccountEvent } from "../../../events/account-events.ts";
import { eraseAccountEvents } from "../../../events/outbox.ts";
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
        description:
          "Erases the account's credentials, its stored directory and search entries, its sync jobs and runs, and " +
          "its change events with their webhook deliveries (events not delivered yet are dropped). One event " +
          "remains: `integrated_account.deleted`, delivered to the environment's webhooks as usual.",
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
        // Its past events go too (they carry its people's records); the deletion's own event is what remains.
        await eraseAccountEvents(trx, account.id);
        await recordAccountEvent(trx, account, "integrated_account.deleted");
        return true;
      });
      if (!deleted) throw new AppError("not_found", { message: "No such integrated account." });
      context.sessions.forget(request.params.id);
      return { id: request.params.id };
    },
  );
};
