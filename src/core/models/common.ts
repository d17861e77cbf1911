import { z } from "zod";

/**
 * Building blocks shared by the unified models.
 *
 * Conventions for every unified record (API.md, "Unified User Directory"):
 * - snake_case fields, ids are strings, timestamps are ISO-8601 UTC strings ending in `Z`;
 * - a scalar the provider does not have is `null` (or omitted), never invented;
 * - a collection the provider call did not return (e.g. a user's groups on a list call) is omitted,
 *   while a collection known to be empty is `[]`;
 * - `remote_data` holds the provider's record as received; it is omitted when the caller asks
 *   `ignore_remote_data=true`.
 */

/** An ISO-8601 UTC timestamp (`2017-12-18T00:52:36.856Z`); any sub-second precision. */
export const timestampSchema = z.iso.datetime();

/** A reference to another unified record: `{ id, name }`. */
export const referenceSchema = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
});

/** The provider's record, untouched. Omitted when the caller asks `ignore_remote_data=true`. */
export const remoteDataSchema = z.unknown().optional();
