import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { linkOAuthAccount } from "../../connections/oauth/link-oauth-account.ts";
import { codeVerifier } from "../../connections/oauth/pkce.ts";
import { AppError, isAppError } from "../../core/errors.ts";
import { findProvider } from "../../providers/index.ts";
import type { LinkToken } from "../../store/link-tokens.ts";
import type { AppContext } from "../context.ts";
import { OAUTH_CALLBACK_PATH, PKCE_KEY_PURPOSE } from "./link-token/oauth-start.ts";
import { type CallbackOutcome, renderCallbackPage } from "./oauth-callback-page.ts";

const param = z.string().max(4000).optional();

const START_AGAIN = "Go back to the connect page and start again, or ask for a new link.";

/**
 * Where the provider sends the person after the consent screen (RFC 6749 §4.1.2). Everything is checked
 * before anything is linked: the `state` must be one Roster issued, unused and unexpired (it is then used up,
 * so a replayed callback is refused), its link token still usable, and the provider must have sent a code
 * rather than an error. The code is exchanged and the account linked as the key flow does (live check
 * included, link token consumed). Every outcome is a page in plain words; none shows a token.
 */
export const oauthCallbackRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    OAUTH_CALLBACK_PATH,
    {
      schema: {
        // A browser page like the connect page itself (not part of the JSON API): hidden from /openapi.json.
        // Answers HTML: 200 connected; 400 for a missing, forged, replayed or expired `state`, a refused
        // consent or code; 410 for a link used or expired meanwhile; 422/502 when the live check refuses or
        // the provider fails.
        hide: true,
        querystring: z.object({
          code: param,
          state: param,
          error: param,
          error_description: param,
        }),
      },
    },
    async (request, reply) => {
      const outcome = await complete(context, request.query);
      const page = renderCallbackPage(outcome);
      return reply
        .status(outcome.status)
        .headers({
          "content-type": "text/html; charset=utf-8",
          "cache-control": "no-store",
          "referrer-policy": "no-referrer",
          "x-content-type-options": "nosniff",
          "content-security-policy": page.csp,
        })
        .send(page.html);
    },
  );
};

async function complete(
  context: AppContext,
  query: { code?: string; state?: string; error?: string; error_description?: string },
): Promise<CallbackOutcome> {
  const refused = (status: number, code: string, title: string, message: string) => ({
    ok: false,
    status,
    code,
    title,
    message,
  });
  if (!query.state)
    return refused(
      400,
      "oauth_state_invalid",
      "This sign-in cannot be used",
      `The answer carries no state. ${START_AGAIN}`,
    );
  const used = await context.oauthStates.consume(query.state);
  if (!used.ok)
    return refused(
      400,
      "oauth_state_invalid",
      "This sign-in cannot be used",
      used.reason === "used"
        ? `This sign-in answer was already used. ${START_AGAIN}`
        : used.reason === "expired"
          ? `This sign-in took too long and has expired. ${START_AGAIN}`
          : `This sign-in answer was not started by Roster. ${START_AGAIN}`,
    );
  const state = used.row;
  const provider = findProvider(state.integration);
  const label = provider?.label ?? state.integration;
  const link = await context.linkTokens.findById(state.link_token_id);
  const base = { mode: state.mode, origin: link?.origin ?? null, redirect_uri: link?.redirect_uri ?? null };
  try {
    if (!link) throw new AppError("invalid_link_token");
    const token = usable(link);
    if (query.error)
      return {
        ...base,
        ...refused(
          400,
          query.error === "access_denied" ? "oauth_denied" : "oauth_error",
          `${label} was not connected`,
          query.error === "access_denied"
            ? `Access was not granted on ${label}'s consent screen, so nothing was connected. ${START_AGAIN}`
            : `${label} answered "${query.error}"${query.error_description ? ` (${query.error_description})` : ""}. ${START_AGAIN}`,
        ),
      };
    if (!query.code)
      return {
        ...base,
        ...refused(
          400,
          "oauth_error",
          `${label} was not connected`,
          `${label} sent no authorization code. ${START_AGAIN}`,
        ),
      };
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
        code: query.code,
        redirectUri: state.redirect_uri,
        verifier: codeVerifier(query.state, context.vault.deriveKey(PKCE_KEY_PURPOSE)),
        existing,
        beforeSave: async () => {
          if (!(await context.linkTokens.consume(token.id))) throw new AppError("link_token_used");
        },
      },
    );
    return {
      ...base,
      ok: true,
      status: 200,
      code: "connected",
      title: `${label} is connected`,
      message:
        state.mode === "redirect" && link.redirect_uri ? "Taking you back…" : "You can close this window.",
      integrated_account_id: account.id,
      integration: account.integration,
    };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { ...base, ...refused(error.status, error.code, `${label} was not connected`, error.message) };
  }
}

/** The link token behind a state, if it can still be used (the connect page's rules). */
function usable(link: LinkToken): LinkToken {
  if (link.used_at) throw new AppError("link_token_used");
  if (Date.parse(link.expires_at) <= Date.now()) throw new AppError("link_token_expired");
  return link;
}
