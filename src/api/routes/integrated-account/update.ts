import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../../core/errors.ts";
import { verifyCredentials } from "../../../unified/verify-credentials.ts";
import type { AppContext } from "../../context.ts";
import { errorEnvelopeSchema } from "../../error-envelope.ts";
import { commonErrors, idParams } from "../../schemas.ts";
import { checkCredentials } from "./credentials.ts";
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
      const { credentials, region, provider } = checkCredentials(
        existing.integration,
        request.body.context,
        existing.region,
      );
      await verifyCredentials(context.gateway, provider, existing.id, region, credentials);
      const sealed = context.vault.sealJson(credentials, existing.id);
      const account = await context.accounts.update(request.environmentId, existing.id, {
        credentials: sealed.sealed,
        credentials_key_id: sealed.keyId,
        region,
        status: "active",
        last_error: null,
      });
      if (!account) throw new AppError("not_found", { message: "No such integrated account." });
      context.gateway.forget(existing.id);
      return toPublicAccount(account);
    },
  );
};
