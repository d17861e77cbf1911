import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { linkAccount } from "../../../connections/link-account.ts";
import { authMethodsOf } from "../../../connections/oauth/oauth-client.ts";
import { AppError } from "../../../core/errors.ts";
import { summarize } from "../../../core/provider/contract.ts";
import { findProvider, providers } from "../../../providers/index.ts";
import type { AppContext } from "../../context.ts";
import { errorEnvelopeSchema } from "../../error-envelope.ts";
import { credentialContextSchema } from "../integrated-account/schemas.ts";
import { integrationSchema } from "../integration.ts";
import { usableToken } from "./usable-token.ts";

const tokenParams = z.object({ token: z.string().min(1).max(200) });
const errors = {
  400: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
  410: errorEnvelopeSchema,
  422: errorEnvelopeSchema,
};

/**
 * What the hosted connect page calls. The link token is the credential here (no bearer token): it is
 * single use, expires, and only ever creates or reconnects one account of its environment and tenant.
 */
export const linkTokenPublicRoutes: FastifyPluginAsync<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const tags = ["connect"];

  app.withTypeProvider<ZodTypeProvider>().get(
    "/link-token/:token/session",
    {
      schema: {
        tags,
        security: [],
        summary: "What the connect page needs to show for a link token",
        params: tokenParams,
        response: {
          200: z.object({
            integration: z.string().nullable(),
            integrations: z.array(integrationSchema),
            reconnect: z.boolean(),
            redirect_uri: z.string().nullable(),
            origin: z.string().nullable(),
            expires_at: z.string(),
          }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const token = await usableToken(context.linkTokens, request.params.token);
      const offered = token.integration ? providers.filter((p) => p.name === token.integration) : providers;
      reply.header("cache-control", "no-store");
      return {
        integration: token.integration,
        integrations: offered.map((p) => summarize(p, authMethodsOf(p, context.config.env))),
        reconnect: token.integrated_account_id !== null,
        redirect_uri: token.redirect_uri,
        origin: token.origin,
        expires_at: token.expires_at,
      };
    },
  );

  app.withTypeProvider<ZodTypeProvider>().post(
    "/link-token/:token/connect",
    {
      schema: {
        tags,
        security: [],
        summary: "Validate the credentials entered on the connect page and link (or reconnect) the account",
        params: tokenParams,
        body: z.strictObject({ integration: z.string().min(1).max(100), context: credentialContextSchema }),
        response: {
          201: z.object({ integrated_account_id: z.string(), integration: z.string() }),
          ...errors,
          502: errorEnvelopeSchema,
        },
      },
    },
    async (request, reply) => {
      const token = await usableToken(context.linkTokens, request.params.token);
      if (token.integration && token.integration !== request.body.integration) {
        throw new AppError("validation_failed", { message: `This link is for ${token.integration}.` });
      }
      if (!findProvider(request.body.integration)) throw new AppError("unknown_integration");
      const existing = token.integrated_account_id
        ? await context.accounts.get(token.environment_id, token.integrated_account_id)
        : undefined;
      if (token.integrated_account_id && !existing) throw new AppError("invalid_link_token");
      // Validate before consuming: a wrong key leaves the link usable for another try.
      const account = await linkAccount(context.linking, {
        environmentId: token.environment_id,
        integration: request.body.integration,
        tenantId: token.tenant_id,
        credentials: request.body.context,
        existing,
        beforeSave: async () => {
          if (!(await context.linkTokens.consume(token.id))) throw new AppError("link_token_used");
        },
      });
      return reply.status(201).send({ integrated_account_id: account.id, integration: account.integration });
    },
  );
};
