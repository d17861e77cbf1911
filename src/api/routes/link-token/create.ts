import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../../core/errors.ts";
import { findProvider } from "../../../providers/index.ts";
import type { AppContext } from "../../context.ts";
import { errorEnvelopeSchema } from "../../error-envelope.ts";
import { commonErrors } from "../../schemas.ts";
import { tenantIdSchema } from "../integrated-account/schemas.ts";

const DEFAULT_TTL_SECONDS = 7 * 24 * 3600;

const httpUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .describe(
    "Where the page sends the person after linking, with `integrated_account_id` added to the query.",
  );

/** An origin only (scheme, host, port): the single target of the connect page's postMessage. */
const origin = z
  .string()
  .max(300)
  .refine((value) => {
    try {
      return new URL(value).origin === value && /^https?:/.test(value);
    } catch {
      return false;
    }
  }, "must be an origin such as https://app.example.com (no path)")
  .describe("The embedding app's origin, the only target of the page's messages.");

export const linkTokenRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.withTypeProvider<ZodTypeProvider>().post(
    "/link-token",
    {
      schema: {
        tags: ["connect"],
        summary: "Create a single-use link to the hosted connect page",
        description:
          "The link opens the connect page, where your customer enters their credentials. It works once and expires (default 7 days). With `integrated_account_id` it reconnects that account, keeping its id.",
        body: z.strictObject({
          tenant_id: tenantIdSchema,
          integration: z.string().min(1).max(100).optional(),
          integrated_account_id: z.string().min(1).max(200).optional(),
          redirect_uri: httpUrl.optional(),
          origin: origin.optional(),
          expires_in_seconds: z
            .number()
            .int()
            .min(1)
            .max(30 * 24 * 3600)
            .optional(),
        }),
        response: {
          201: z.object({ link_token: z.string(), link_url: z.string(), expires_at: z.string() }),
          ...commonErrors,
          422: errorEnvelopeSchema,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      let integration = body.integration ?? null;
      if (integration && !findProvider(integration)) {
        throw new AppError("unknown_integration", { message: `No integration named "${integration}".` });
      }
      if (body.integrated_account_id) {
        const account = await context.accounts.get(request.environmentId, body.integrated_account_id);
        if (!account) throw new AppError("not_found", { message: "No such integrated account." });
        if (integration && integration !== account.integration) {
          throw new AppError("validation_failed", {
            message: "integration does not match the account's integration.",
          });
        }
        integration = account.integration;
      }
      const expiresAt = new Date(
        Date.now() + 1000 * (body.expires_in_seconds ?? DEFAULT_TTL_SECONDS),
      ).toISOString();
      const { token } = await context.linkTokens.create({
        environment_id: request.environmentId,
        tenant_id: body.tenant_id,
        integration,
        integrated_account_id: body.integrated_account_id ?? null,
        redirect_uri: body.redirect_uri ?? null,
        origin: body.origin ?? null,
        expires_at: expiresAt,
      });
      const base = context.config.publicUrl ?? `${request.protocol}://${request.host}`;
      return reply
        .status(201)
        .send({ link_token: token, link_url: `${base}/link/${token}`, expires_at: expiresAt });
    },
  );
};
