import { AppError } from "../../../core/errors.ts";
import type { ProviderClient, UnifiedResourceOps } from "../../../core/provider/contract.ts";
import { domains } from "../domains.ts";
import { mapLicense, mapOrganization } from "../mappers.ts";
import { opsgenieAccountResponseSchema, parseOpsgeniePayload } from "../schemas.ts";

/** The account is one record in Opsgenie; it yields the seat license and the organization. */
async function readAccount(call: ProviderClient) {
  const res = await call.request({ path: "/v2/account", domain: domains.configuration, resource: "account" });
  return parseOpsgeniePayload(opsgenieAccountResponseSchema, res.body, "account").data;
}

function single<T extends { id: string }>(map: (account: Awaited<ReturnType<typeof readAccount>>) => T) {
  return {
    defaultLimit: 1,
    async list(call: ProviderClient) {
      return { records: [map(await readAccount(call))], next: null };
    },
    async get(call: ProviderClient, id: string) {
      const record = map(await readAccount(call));
      if (record.id !== id) throw new AppError("not_found", { message: `No record ${id}.` });
      return record;
    },
  } satisfies UnifiedResourceOps<T>;
}

export const licenses = single(mapLicense);
export const organizations = single(mapOrganization);
