import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { AppError } from "../../../core/errors.ts";
import type { AppContext } from "../../context.ts";
import { commonErrors, idParams } from "../../schemas.ts";
import { integratedAccountSchema, toPublicAccount } from "./schemas.ts";

export const getAccountRoute: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/integrated-account/:id",
    {
      schema: {
        tags: ["integrated accounts"],
        summary: "Get an integrated account",
        params: idParams,
        response: { 200: integratedAccountSchema, ...commonErrors },
      },
    },
    async (request) => {
      const account = await context.accounts.get(request.environmentId, request.params.id);
      if (!account) throw new AppError("not_found", { message: "No such integrated account." });
      return toPublicAccount(account);
    },
  );
};
