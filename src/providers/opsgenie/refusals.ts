import { ProviderHttpError } from "../../core/provider/contract.ts";
import { opsgenieErrorSchema } from "./schemas.ts";

/**
 * Opsgenie's refusals of a read for the account's plan or key, with its reason: 402 (the plan does not allow
 * the action, reference §8), 403 (the key may not, 40301) and 422 on a parameterless read, which is how
 * Opsgenie refuses plan features such as custom user roles ("Account plan does not have the right to use
 * custom user roles."). Undefined for any other failure.
 */
export function planOrKeyRefusal(error: unknown): { reason: string | undefined } | undefined {
  if (!(error instanceof ProviderHttpError)) return undefined;
  if (error.status !== 402 && error.status !== 403 && error.status !== 422) return undefined;
  const body = opsgenieErrorSchema.safeParse(error.body);
  return { reason: body.success ? body.data.message : undefined };
}
