import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { linkAccount } from "../../../connections/link-account.ts";
import type { AppContext } from "../../context.ts";
import { errorEnvelopeSchema } from "../../error-envelope.ts";
import { commonErrors } from "../../schemas.ts";
import {
  credentialContextSchema,
  integratedAccountSchema,
  tenantIdSchema,
  toPublicAccount,
} from "./schemas.ts";

export const createAccountRoute: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.withTypeProvider<ZodTypeProvider>().post(
    "/integrated-account",
    {
      schema: {
        tags: ["integrated accounts"],
        summary: "Link an account: the credentials are validated and stored encrypted",
        body: z.strictObject({
          integration: z.string().min(1).max(100),
          tenant_id: tenantIdSchema,
          context: credentialContextSchema,
        }),
        response: {
          201: integratedAccountSchema,
          ...commonErrors,
          422: errorEnvelopeSchema,
          502: errorEnvelopeSchema,
        },
      },
    },
    async (request, reply) => {
      const account = await linkAccount(context.linking, {
        environmentId: request.environmentId,
        integration: request.body.integration,
        tenantId: request.body.tenant_id,
        credentials: request.body.context,
      });
      return reply.status(201).send(toPublicAccount(account));
    },
  );
};
