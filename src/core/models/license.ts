import { z } from "zod";
import { remoteDataSchema } from "./common.ts";

const quantitySchema = z.number().int().nonnegative();

/** A license (seat pool) of the organization. */
export const licenseSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  description: z.string().nullish(),
  /** Seats the license provides in total. */
  available_quantity: quantitySchema
    .nullish()
    .describe(
      "Seats the license provides in total, in use and free (free seats = available_quantity - assigned_quantity); null when the provider sets no limit or does not say.",
    ),
  /** Seats in use. */
  assigned_quantity: quantitySchema.nullish().describe("Seats in use."),
  is_paid: z.boolean().nullish().describe("Whether the seats are paid; null when the provider does not say."),
  /** e.g. "active". */
  status: z.string().nullish(),
  remote_data: remoteDataSchema,
});
export type License = z.infer<typeof licenseSchema>;
