/**
 * Licenses (reference §1.4): `/licenses` (not paginated, with seats in use and free), `/license_allocations`
 * (offset-paged, one per user), `/users/{id}/license`, and the seat rules writes obey: a license carries only
 * its `valid_roles`, and a license with no free seat cannot be allocated.
 */
import { HttpError, type Json, ok, type Reply } from "../kit/reply.ts";
import type { Directory } from "./directory.ts";
import { invalidInput } from "./errors.ts";
import { linksOf, reference } from "./links.ts";
import { offsetPage } from "./list.ts";
import type { License, User } from "./model.ts";
import { type RequestContext, type Route, route } from "./route.ts";
import { requireUser } from "./users.ts";
import type { BaseRole } from "./vocabulary.ts";

/** The License object; with `current_value` and `allocations_available` only on `/licenses`. */
export function licenseView(dir: Directory, license: License, withCounts: boolean): Json {
  const out: Json = {
    id: license.id,
    type: "license",
    summary: license.name,
    self: null,
    html_url: null,
    name: license.name,
    description: license.description,
    valid_roles: license.validRoles,
    role_group: license.roleGroup,
  };
  if (!withCounts) return out;
  return { ...out, current_value: dir.seatsUsed(license.id), allocations_available: dir.seatsFree(license) };
}

/**
 * The license a user with `role` gets: `requestedId` if given, else `current` if it carries the role, else the
 * first license that does. Throws 400 when the license is unknown or does not carry the role [unverified
 * code and wording], and 402 (code 2019, "product limit reached") when it has no free seat for a new holder.
 */
export function chooseLicense(dir: Directory, role: BaseRole, requestedId?: string, current?: User): License {
  let license: License | undefined;
  if (requestedId !== undefined) {
    license = dir.licenses.get(requestedId);
    if (!license) throw invalidInput(`License ${requestedId} not found`);
    if (!license.validRoles.includes(role))
      throw invalidInput(`Role ${role} is not valid for license ${license.name}`);
  } else {
    const held = current && dir.licenses.get(current.licenseId);
    license = held?.validRoles.includes(role)
      ? held
      : [...dir.licenses.values()].find((l) => l.validRoles.includes(role));
    if (!license) throw invalidInput(`No license carries the role ${role}`);
  }
  if (license.id !== current?.licenseId && dir.seatsFree(license) < 1) {
    throw new HttpError(402, "Product limit reached", {
      code: 2019,
      errors: [`No allocations available for license ${license.name}`],
    });
  }
  return license;
}

function listLicenses(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  return ok({ licenses: [...dir.licenses.values()].map((l) => licenseView(dir, l, true)) });
}

function listAllocations(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  const links = linksOf(ctx);
  return offsetPage(ctx.query, dir.sortedUsers(), "license_allocations", (user) => ({
    user: reference(links, "user", user.id, user.name),
    license: licenseView(dir, dir.licenses.get(user.licenseId) as License, false),
    allocated_at: user.allocatedAt,
  }));
}

function userLicense(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  const user = requireUser(ctx);
  return ok({ license: licenseView(dir, dir.licenses.get(user.licenseId) as License, false) });
}

export const licenseRoutes: Route[] = [
  route("GET", "/licenses", listLicenses, { directory: true }),
  route("GET", "/license_allocations", listAllocations, { directory: true }),
  route("GET", "/users/:id/license", userLicense),
];
