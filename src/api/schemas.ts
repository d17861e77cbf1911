import { z } from "zod";
import { errorEnvelopeSchema } from "./error-envelope.ts";

/** Shared wire shapes. Every route declares its schemas with these, so validation and OpenAPI come from one place. */
export function listEnvelope<T extends z.ZodType>(item: T) {
  return z.object({
    result: z.array(item),
    next_cursor: z.string().nullable(),
    prev_cursor: z.string().nullable(),
    result_count: z.number().int(),
  });
}

/**
 * The list envelope of a `fetch_all` answer: a walk that fails after its first page adds `error` and keeps
 * `next_cursor` at the page that failed.
 */
export function streamedListEnvelope<T extends z.ZodType>(item: T) {
  return listEnvelope(item).extend({
    error: errorEnvelopeSchema
      .optional()
      .describe(
        "Only in a `fetch_all` answer that failed after its first page: what failed. `next_cursor` then resumes at the page that failed.",
      ),
  });
}

export function limitParam(options: { max: number; default: number }) {
  return z.coerce
    .number()
    .int()
    .min(1)
    .max(options.max)
    .default(options.default)
    .describe(`Page size, 1..${options.max} (default ${options.default}).`);
}

export const cursorParam = z
  .string()
  .min(1)
  .max(4096)
  .optional()
  .describe("Opaque cursor from a previous page.");

export const idParams = z.object({ id: z.string().min(1).max(200) });

/** Error responses every authenticated route may give; listed so the OpenAPI document shows the envelope. */
export const commonErrors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
} as const;

export const deletedSchema = z.object({ id: z.string() });
