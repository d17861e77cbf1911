import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { isAppError } from "../../core/errors.ts";
import { findProvider } from "../../providers/index.ts";
import type { AppContext } from "../context.ts";
import { OAUTH_CALLBACK_PATH } from "./link-token/oauth-start.ts";
import { usableLink } from "./link-token/usable-token.ts";
import { type CallbackOutcome, renderCallbackPage } from "./oauth-callback-page.ts";
import { OAUTH_COMPLETE_PATH } from "./oauth-complete.ts";
import { START_AGAIN, stateRefusalMessage } from "./oauth-refusals.ts";

const param = z.string().max(4000).optional();

/**
 * Where the provider sends the person after the consent screen (RFC 6749 §4.1.2). It links nothing itself:
 * a refusal by the provider (`error`, or no code) uses the state up and is shown in plain words, as is a
 * `state` that is missing, forged, used or expired, or whose link can no longer be used. Otherwise the page
 * finishes in the browser: its script finds the state's one-time binding (kept by the connect page that
 * started the consent) and posts it with the code to `POST /link/oauth/complete`, so a callback opened in
 * any other browser links nothing (RFC 6749 §10.12). No page shows a token.
 */
export const oauthCallbackRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    OAUTH_CALLBACK_PATH,
    {
      schema: {
        // A browser page like the connect page itself (not part of the JSON API): hidden from /openapi.json.
        // Answers HTML: 200 with the page that finishes the sign-in (see POST /link/oauth/complete); 400 for
        // a missing, forged, replayed or expired `state` or a refused consent; 404/410 for a link gone, used
        // or expired meanwhile.
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
      const outcome = await land(context, request.query);
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

function refused(status: number, code: string, title: string, message: string): CallbackOutcome {
  return { ok: false, status, code, title, message };
}

async function land(
  context: AppContext,
  query: { code?: string; state?: string; error?: string; error_description?: string },
): Promise<CallbackOutcome> {
  const cannotUse = "This sign-in cannot be used";
  if (!query.state) return refused(400, "oauth_state_invalid", cannotUse, stateRefusalMessage("missing"));
  // A refusal by the provider ends this consent: the state is used up. Anything else is only looked at here;
  // the state is used by the completion, which the binding authorises.
  const ending = query.error !== undefined || !query.code;
  const found = ending
    ? await context.oauthStates.consume(query.state)
    : await context.oauthStates.find(query.state);
  if (!found.ok) return refused(400, "oauth_state_invalid", cannotUse, stateRefusalMessage(found.reason));
  const state = found.row;
  const label = findProvider(state.integration)?.label ?? state.integration;
  const link = await context.linkTokens.findById(state.link_token_id);
  const base = { mode: state.mode, origin: link?.origin ?? null, redirect_uri: link?.redirect_uri ?? null };
  const notConnected = `${label} was not connected`;
  try {
    usableLink(link);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { ...base, ...refused(error.status, error.code, notConnected, error.message) };
  }
  if (query.error)
    return {
      ...base,
      ...refused(
        400,
        query.error === "access_denied" ? "oauth_denied" : "oauth_error",
        notConnected,
        query.error === "access_denied"
          ? `Access was not granted on ${label}'s consent screen, so nothing was connected. ${START_AGAIN}`
          : `${label} answered "${query.error}"${query.error_description ? ` (${query.error_description})` : ""}. ${START_AGAIN}`,
      ),
    };
  if (!query.code)
    return {
      ...base,
      ...refused(400, "oauth_error", notConnected, `${label} sent no authorization code. ${START_AGAIN}`),
    };
  return {
    ...base,
    ok: false,
    pending: { complete_url: OAUTH_COMPLETE_PATH, label },
    status: 200,
    code: "finishing",
    title: `Connecting ${label}…`,
    message: "Finishing the sign-in in this browser.",
  };
}
