import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { consentUrl } from "../../../connections/oauth/consent-url.ts";
import { oauthClientFor } from "../../../connections/oauth/oauth-client.ts";
import { codeVerifier } from "../../../connections/oauth/pkce.ts";
import { AppError } from "../../../core/errors.ts";
import { findProvider } from "../../../providers/index.ts";
import type { AppContext } from "../../context.ts";
import { errorEnvelopeSchema } from "../../error-envelope.ts";
import { usableToken } from "./usable-token.ts";

/** Where providers send the person back; registered by the operator with each provider's OAuth app. */
export const OAUTH_CALLBACK_PATH = "/link/oauth/callback";

/** The purpose of the key the PKCE verifiers are derived under (see connections/oauth/pkce.ts). */
export const PKCE_KEY_PURPOSE = "oauth-pkce";

/**
 * The connect page's OAuth start: for a usable link token and an integration it may connect with OAuth, a
 * fresh single-use `state` bound to the token, the provider's consent URL to send the person to, and the
 * state's one-time `binding` secret, which the connect page keeps in its browser and the callback page posts
 * back (never in a URL). The link token stays usable until the completion links the account.
 */
export const oauthStartRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.withTypeProvider<ZodTypeProvider>().post(
    "/link-token/:token/oauth",
    {
      schema: {
        tags: ["connect"],
        security: [],
        summary: "Start connecting an account with OAuth: the provider's consent URL for this link",
        description: `Answers the URL of the provider's consent screen. After consenting, the provider sends the person to \`${OAUTH_CALLBACK_PATH}\` (register \`<ROSTER_PUBLIC_URL>${OAUTH_CALLBACK_PATH}\` as the redirect URL of your OAuth app), whose page finishes the sign-in with \`POST /link/oauth/complete\` and links the account as the key flow does. \`binding\` is a one-time secret that ties the sign-in to this browser: keep it in the page (never in a URL) and let the callback page have it (\`sessionStorage\` under \`roster:oauth-binding:<state>\` when the same window comes back; in iframe mode the callback page asks its opener). \`mode\` is how the connect page was opened (\`popup\`, \`iframe\` or \`redirect\`): it decides where the callback page sends the result.`,
        params: z.object({ token: z.string().min(1).max(200) }),
        body: z.strictObject({
          integration: z.string().min(1).max(100),
          mode: z.enum(["popup", "iframe", "redirect"]).default("redirect"),
        }),
        response: {
          201: z.object({
            authorize_url: z.string(),
            binding: z
              .string()
              .describe("One-time secret binding the sign-in to this browser; never put it in a URL."),
          }),
          400: errorEnvelopeSchema,
          404: errorEnvelopeSchema,
          410: errorEnvelopeSchema,
          422: errorEnvelopeSchema,
        },
      },
    },
    async (request, reply) => {
      const token = await usableToken(context.linkTokens, request.params.token);
      const { integration, mode } = request.body;
      if (token.integration && token.integration !== integration)
        throw new AppError("validation_failed", { message: `This link is for ${token.integration}.` });
      const provider = findProvider(integration);
      if (!provider) throw new AppError("unknown_integration");
      const client = oauthClientFor(provider, context.config.env);
      if (!client)
        throw new AppError("unsupported_operation", {
          message: `${provider.label} cannot be connected with OAuth on this Roster; enter a key instead.`,
        });
      const base = context.config.publicUrl ?? `${request.protocol}://${request.host}`;
      const redirectUri = `${base.replace(/\/+$/, "")}${OAUTH_CALLBACK_PATH}`;
      const { state, binding } = await context.oauthStates.create({
        link_token_id: token.id,
        integration: provider.name,
        mode,
        redirect_uri: redirectUri,
      });
      const verifier = codeVerifier(state, context.vault.deriveKey(PKCE_KEY_PURPOSE));
      reply.header("cache-control", "no-store");
      return reply
        .status(201)
        .send({ authorize_url: consentUrl(client, { state, redirectUri, verifier }), binding });
    },
  );
};
