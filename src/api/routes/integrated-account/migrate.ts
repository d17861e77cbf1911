import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { migrateAccount } from "../../../connections/migrate-account.ts";
import { AppError } from "../../../core/errors.ts";
import type { AppContext } from "../../context.ts";
import { errorEnvelopeSchema } from "../../error-envelope.ts";
import { commonErrors, idParams } from "../../schemas.ts";
import { credentialContextSchema, integratedAccountSchema, toPublicAccount } from "./schemas.ts";

export const migrateAccountRoute: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.withTypeProvider<ZodTypeProvider>().post(
    "/integrated-account/:id/migrate",
    {
      schema: {
        tags: ["integrated accounts"],
        summary:
          "Move an account to the integration that succeeds its own (e.g. after the vendor's migration)",
        description:
          "The new credentials are validated live, as when linking. The account keeps its id, tenant, sync jobs " +
          "and webhooks; `integrated_account.migrated` is emitted. Its next sync is not a baseline: people are " +
          "matched by e-mail, teams by unique name and roles by the vendor's mapping, and matched records emit " +
          "`*.migrated` instead of deleted + created (see `GET /integrated-account/{id}/id-map`). 422 " +
          "`migration_not_supported` when the integration does not succeed the account's, or already is it.",
        params: idParams,
        body: z.strictObject({
          integration: z.string().min(1).max(100).describe("The integration to move the account to."),
          context: credentialContextSchema,
        }),
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
      const account = await migrateAccount(context.linking, {
        environmentId: request.environmentId,
        existing,
        integration: request.body.integration,
        credentials: request.body.context,
      });
      return toPublicAccount(account);
    },
  );
};
