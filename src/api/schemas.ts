import { z } from "zod";
import { warningCodes } from "../core/provider/warnings.ts";
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

/** One thing a list or a sync run left out (API.md "Partial results"). */
export const warningSchema = z
  .object({
    code: z
      .enum(warningCodes)
      .describe(
        "`record_vanished`: deleted between the provider's list and its detail read; " +
          "`resource_not_permitted`: the account's plan or key may not read it; " +
          "`malformed_record`: the provider's record does not match its schema (`message` names the field); " +
          "`field_hidden`: the record is served without a field the provider withheld (e.g. an e-mail hidden by privacy settings).",
      ),
    message: z.string(),
    resource: z.string().optional().describe("The unified resource, e.g. `groups`."),
    id: z.string().optional().describe("The record's id, when known."),
  })
  .meta({ id: "Warning" });

const warningsDescription =
  "Present only when something was left out: the rest is served and each warning names what and why.";

/** A unified list: the list envelope, plus `warnings` when a record or a part of the resource was left out. */
export function partialListEnvelope<T extends z.ZodType>(item: T) {
  return listEnvelope(item).extend({
    warnings: z.array(warningSchema).optional().describe(warningsDescription),
  });
}

/**
 * The list envelope of a `fetch_all` answer: warnings of every page when it completes; a walk that fails after
 * its first page adds `error` instead and keeps `next_cursor` at the page that failed.
 */
export function streamedListEnvelope<T extends z.ZodType>(item: T) {
  return partialListEnvelope(item).extend({
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
