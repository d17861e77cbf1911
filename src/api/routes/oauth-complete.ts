import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { linkOAuthAccount } from "../../connections/oauth/link-oauth-account.ts";
import { codeVerifier } from "../../connections/oauth/pkce.ts";
import { AppError } from "../../core/errors.ts";
import type { AppContext } from "../context.ts";
import { errorEnvelopeSchema } from "../error-envelope.ts";
import { OAUTH_CALLBACK_PATH, PKCE_KEY_PURPOSE } from "./link-token/oauth-start.ts";
import { usableLink } from "./link-token/usable-token.ts";
import { stateRefusalMessage } from "./oauth-refusals.ts";

/** Where the callback page posts the code with the binding of the browser that started the consent. */
export const OAUTH_COMPLETE_PATH = "/link/oauth/complete";

/**
 * Finishes an OAuth consent in the browser that started it: the callback page posts the `state` and `code`
 * it received with the one-time `binding` the connect page was given with the consent URL. The state is used
 * up whatever the answer; only with its own binding (compared as SHA-256 hashes in constant time) is the code
 * exchanged and the account linked as the key flow does (live check included, link token consumed), or
 * reconnected with the same id.
 */
export const oauthCompleteRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.withTypeProvider<ZodTypeProvider>().post(
    OAUTH_COMPLETE_PATH,
    {
      schema: {
        tags: ["connect"],
        security: [],
        summary: "Finish an OAuth sign-in in the browser that started it",
        description: `Called by the page at \`${OAUTH_CALLBACK_PATH}\`, not by your backend. \`state\` and \`code\` are the provider's answer; \`binding\` is the one-time secret \`POST /link-token/{token}/oauth\` answered to the connect page that started the consent. The state is used up by this call whatever its outcome: without the state's binding (\`403 oauth_binding_mismatch\`, e.g. the consent was finished in another browser) nothing is linked and the sign-in must be started again.`,
        body: z.strictObject({
          state: z.string().min(1).max(200),
          code: z.string().min(1).max(4000),
          binding: z
            .string()
            .min(1)
            .max(200)
            .optional()
            .describe(
              "Absent when the callback page found none: the state is then used up, nothing is linked.",
            ),
        }),
        response: {
          201: z.object({ integrated_account_id: z.string(), integration: z.string() }),
          400: errorEnvelopeSchema,
          403: errorEnvelopeSchema,
          404: errorEnvelopeSchema,
          410: errorEnvelopeSchema,
          422: errorEnvelopeSchema,
          502: errorEnvelopeSchema,
        },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      const { state: plainState, code, binding } = request.body;
      const used = await context.oauthStates.consumeBound(plainState, binding);
      if (!used.ok) {
        if (used.reason === "unbound") throw new AppError("oauth_binding_mismatch");
        throw new AppError("oauth_state_invalid", { message: stateRefusalMessage(used.reason) });
      }
      const state = used.row;
      const token = usableLink(await context.linkTokens.findById(state.link_token_id));
      const existing = token.integrated_account_id
        ? await context.accounts.get(token.environment_id, token.integrated_account_id)
        : undefined;
      if (token.integrated_account_id && !existing) throw new AppError("invalid_link_token");
      const account = await linkOAuthAccount(
        { ...context.linking, oauth: context.oauth, env: context.config.env },
        {
          environmentId: token.environment_id,
          integration: state.integration,
          tenantId: token.tenant_id,
          code,
          redirectUri: state.redirect_uri,
          verifier: codeVerifier(plainState, context.vault.deriveKey(PKCE_KEY_PURPOSE)),
          existing,
          beforeSave: async () => {
            if (!(await context.linkTokens.consume(token.id))) throw new AppError("link_token_used");
          },
        },
      );
      return reply.status(201).send({ integrated_account_id: account.id, integration: account.integration });
    },
  );
};
