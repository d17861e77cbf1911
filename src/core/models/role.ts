import { z } from "zod";
import { remoteDataSchema } from "./common.ts";

/** "builtin": defined by the provider and not editable; "custom": created by the customer. */
export const roleTypeSchema = z.enum(["builtin", "custom"]);

export const roleSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  description: z.string().nullish(),
  type: roleTypeSchema,
  /** The provider's permission (right) identifiers; omitted when the provider does not expose them. */
  permissions: z.array(z.string()).optional(),
  remote_data: remoteDataSchema,
});
export type Role = z.infer<typeof roleSchema>;
