import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { AppError } from "../../../core/errors.ts";
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
      const deleted = await context.accounts.delete(request.environmentId, request.params.id);
      if (!deleted) throw new AppError("not_found", { message: "No such integrated account." });
      return { id: request.params.id };
    },
  );
};
