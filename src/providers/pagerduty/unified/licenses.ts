import { AppError } from "../../../core/errors.ts";
import type { License } from "../../../core/models/index.ts";
import type { ProviderClient, UnifiedResourceOps } from "../../../core/provider/contract.ts";
import { slicePage } from "../../../core/provider/slice-page.ts";
import { domains } from "../domains.ts";
import { mapLicense } from "../mappers.ts";
import { pagerdutyLicenseListResponseSchema, parsePagerdutyPayload } from "../schemas.ts";

/** Licenses: each entry of the unpaged `GET /licenses` (there is no `/licenses/{id}`: a get reads the list). */
export const licenses: UnifiedResourceOps<License> = {
  defaultLimit: 100,

  async list(call, params) {
    const page = slicePage(await readLicenses(call), params.position, params.limit);
    return { records: page.items.map(mapLicense), next: page.next };
  },

  async get(call, id) {
    const license = (await readLicenses(call)).find((l) => l.id === id);
    if (!license) throw new AppError("not_found", { message: `PagerDuty has no license ${id}.` });
    return mapLicense(license);
  },
};

async function readLicenses(call: ProviderClient) {
  const res = await call.request({ path: "/licenses", domain: domains.rest, resource: "licenses" });
  return parsePagerdutyPayload(pagerdutyLicenseListResponseSchema, res.body, "licenses").licenses;
}
