import { z } from "zod";
import { remoteDataSchema } from "./common.ts";

/** The provider account (tenant) itself. */
export const organizationSchema = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  pricing_plan: z.string().nullish(),
  remote_data: remoteDataSchema,
});
export type Organization = z.infer<typeof organizationSchema>;
