import type { FastifyInstance } from "fastify";
import { z } from "zod";

/**
 * The body schema of the `webhooks` section of the served /openapi.json, as a zod schema: tests hold the bodies
 * Roster really delivers to what the document promises a receiver.
 */
export async function documentedWebhookEvent(app: FastifyInstance): Promise<z.ZodType> {
  const document = (await app.inject({ url: "/openapi.json" })).json();
  const [entry] = Object.values(document.webhooks) as {
    post: { requestBody: { content: Record<string, { schema: { $ref: string } }> } };
  }[];
  const ref = entry?.post.requestBody.content["application/json"]?.schema.$ref ?? "";
  const schema = document.components.schemas[ref.replace("#/components/schemas/", "")];
  if (!schema) throw new Error(`the webhooks section's body ${ref} is not in the document's components`);
  return z.fromJSONSchema(schema);
}
