import { z } from "zod";
import { remoteDataSchema } from "./common.ts";

const quantitySchema = z.number().int().nonnegative();

/** A license (seat pool) of the organization. */
export const licenseSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  description: z.string().nullish(),
  /** Seats the license provides in total. */
  available_quantity: quantitySchema.nullish(),
  /** Seats in use. */
  assigned_quantity: quantitySchema.nullish(),
  is_paid: z.boolean().nullish(),
  /** e.g. "active". */
  status: z.string().nullish(),
  remote_data: remoteDataSchema,
});
export type License = z.infer<typeof licenseSchema>;
