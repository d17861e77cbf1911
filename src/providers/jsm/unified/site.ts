import { AppError } from "../../../core/errors.ts";
import type { License, Organization } from "../../../core/models/index.ts";
import type { ProviderClient, UnifiedResourceOps } from "../../../core/provider/contract.ts";
import { cloudIdOf } from "../discovery.ts";
import { domains, hosts } from "../domains.ts";
import { mapLicense, mapOrganization } from "../mappers.ts";
import { jsmApplicationRoleSchema, parseJsmPayload } from "../schemas.ts";

/** One record per account: a list of it, and a get that checks the id. */
function single<T extends { id: string }>(what: string, read: (call: ProviderClient) => Promise<T>) {
  return {
    defaultLimit: 1,
    async list(call: ProviderClient) {
      return { records: [await read(call)], next: null };
    },
    async get(call: ProviderClient, id: string) {
      const record = await read(call);
      if (record.id !== id)
        throw new AppError("not_found", { message: `Jira Service Management has no ${what} ${id}.` });
      return record;
    },
  } satisfies UnifiedResourceOps<T>;
}

/** The JSM agent seats: `GET /rest/api/3/applicationrole/jira-servicedesk` (needs Administer Jira). */
export const licenses: UnifiedResourceOps<License> = single("license", async (call) => {
  const res = await call.request({
    path: "/rest/api/3/applicationrole/jira-servicedesk",
    host: hosts.site,
    domain: domains.site,
    resource: "licenses",
  });
  return mapLicense(parseJsmPayload(jsmApplicationRoleSchema, res.body, "application role"));
});

/** The site: its cloudId and host. */
export const organizations: UnifiedResourceOps<Organization> = single("organization", async (call) =>
  mapOrganization(await cloudIdOf(call), call.setting("site") ?? ""),
);
