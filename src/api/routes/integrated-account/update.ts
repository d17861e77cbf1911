import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { linkAccount } from "../../../connections/link-account.ts";
import { AppError } from "../../../core/errors.ts";
import type { AppContext } from "../../context.ts";
import { errorEnvelopeSchema } from "../../error-envelope.ts";
import { commonErrors, idParams } from "../../schemas.ts";
import { credentialContextSchema, integratedAccountSchema, toPublicAccount } from "./schemas.ts";

export const updateAccountRoute: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.withTypeProvider<ZodTypeProvider>().patch(
    "/integrated-account/:id",
    {
      schema: {
        tags: ["integrated accounts"],
        summary: "Replace an account's credentials; they are re-validated and the status returns to active",
        params: idParams,
        body: z.strictObject({ context: credentialContextSchema }),
        response: {
          200: integratedAccountSchema,
          ...commonErrors,
          422: errorEnvelopeSchema,
          502: errorEnvelopeSchema,
        },
      },
    },
    async (request) => {
      const existing = await context.accounts.get(request.environmentId, request.params.id);
      if (!existing) throw new AppError("not_found", { message: "No such integrated account." });
      const account = await linkAccount(context.linking, {
        environmentId: request.environmentId,
        credentials: request.body.context,
        existing,
      });
      return toPublicAccount(account);
    },
  );
};
