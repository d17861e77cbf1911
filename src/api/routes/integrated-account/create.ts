import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { newAccountId } from "../../../store/integrated-accounts.ts";
import { verifyCredentials } from "../../../unified/verify-credentials.ts";
import type { AppContext } from "../../context.ts";
import { errorEnvelopeSchema } from "../../error-envelope.ts";
import { commonErrors } from "../../schemas.ts";
import { checkCredentials } from "./credentials.ts";
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
      const { credentials, region, provider } = checkCredentials(
        request.body.integration,
        request.body.context,
      );
      const id = newAccountId();
      await verifyCredentials(context.gateway, provider, id, region, credentials);
      const sealed = context.vault.sealJson(credentials, id);
      const account = await context.accounts.insert({
        id,
        environment_id: request.environmentId,
        integration: provider.name,
        tenant_id: request.body.tenant_id,
        region,
        status: "active",
        last_error: null,
        credentials: sealed.sealed,
        credentials_key_id: sealed.keyId,
      });
      return reply.status(201).send(toPublicAccount(account));
    },
  );
};
