import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { authMethodsOf } from "../../connections/oauth/oauth-client.ts";
import { summarize } from "../../core/provider/contract.ts";
import { providers } from "../../providers/index.ts";
import type { AppContext } from "../context.ts";
import { commonErrors } from "../schemas.ts";

export const integrationSchema = z
  .object({
    name: z.string(),
    label: z.string(),
    category: z.string(),
    credentials: z.object({
      fields: z.array(
        z.object({
          name: z.string(),
          label: z.string(),
          type: z.enum(["password", "text", "select"]),
          required: z.boolean(),
          options: z.array(z.string()).optional(),
          option_labels: z.record(z.string(), z.string()).optional(),
          help: z.string().optional(),
        }),
      ),
    }),
    setup_steps: z.array(z.string()).describe("Where a person finds the credentials, step by step."),
    regions: z.array(z.string()),
    unified: z.record(z.string(), z.array(z.string())),
    proxy: z.array(z.string()),
    auth_methods: z
      .array(z.enum(["key", "oauth"]))
      .describe(
        "How an account can be connected here: `key` (the credential fields) always, `oauth` when the operator configured an OAuth client for the integration (`<INTEGRATION>_OAUTH_CLIENT_ID`).",
      ),
  })
  .meta({ id: "Integration" });

export const integrationRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.get(
    "/integration",
    {
      schema: {
        tags: ["integrations"],
        summary: "The integrations this Roster can link, with their credential fields and resources",
        response: { 200: z.object({ result: z.array(integrationSchema) }), ...commonErrors },
      },
    },
    async () => ({ result: providers.map((p) => summarize(p, authMethodsOf(p, context.config.env))) }),
  );
};
