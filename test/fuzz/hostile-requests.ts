import fc from "fast-check";
import {
  encode,
  hostileJson,
  hostileString,
  jsonLeaf,
  percentGarbage,
  prototypeNames,
  rawBodies,
} from "./hostile-values.ts";
import type { FuzzOperation } from "./openapi-operations.ts";
import { type FuzzContext, plausibleProperty, plausibleSegment, queryValue } from "./plausible-values.ts";

export { ACCOUNT } from "./plausible-values.ts";

/** A request as app.inject() takes it; `ACCOUNT` in it stands for the live test account's id. */
export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

const pathSegment = fc.oneof(
  { weight: 3, arbitrary: plausibleSegment },
  { weight: 4, arbitrary: hostileString.map(encode) },
  { weight: 2, arbitrary: percentGarbage },
);

function body(op: FuzzOperation, context: FuzzContext): fc.Arbitrary<string | undefined> {
  const known = op.bodyProperties ?? [];
  // The documented properties, mostly plausible so that some bodies pass validation; sometimes unknown keys.
  const property = (name: string) =>
    fc.oneof(
      { weight: 3, arbitrary: plausibleProperty(name, context) },
      { weight: 1, arbitrary: hostileJson },
    );
  const unknownKeys = fc.oneof(
    { weight: 3, arbitrary: fc.constant({}) },
    {
      weight: 1,
      arbitrary: fc.dictionary(fc.constantFrom(...prototypeNames, "extra", "a\u0000"), jsonLeaf, {
        maxKeys: 2,
      }),
    },
  );
  const shaped = fc
    .tuple(
      fc.record(Object.fromEntries(known.map((name) => [name, property(name)])), { requiredKeys: [] }),
      unknownKeys,
    )
    .map(([object, extra]) => ({ ...object, ...extra }));
  const complete = fc.record(
    Object.fromEntries(known.map((name) => [name, plausibleProperty(name, context)])),
  );
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 4, arbitrary: shaped.map((value) => JSON.stringify(value)) },
    { weight: 2, arbitrary: complete.map((value) => JSON.stringify(value)) },
    { weight: 2, arbitrary: hostileJson.map((value) => JSON.stringify(value) ?? "null") },
    { weight: 1, arbitrary: fc.constantFrom(...rawBodies(known[0] ?? "x")) },
  );
}

/**
 * Malformed requests for one operation: hostile path parameters, query strings and JSON bodies, sometimes
 * another method or content type. `auth` gives the request's authorization headers (a valid token, none, garbage).
 */
export function hostileRequest(
  op: FuzzOperation,
  context: FuzzContext,
  auth: fc.Arbitrary<Record<string, string>>,
): fc.Arbitrary<FuzzRequest> {
  // The documented parameters, each present or not; then a few the document does not know.
  const documented = fc
    .tuple(
      ...op.queryParams.map((name) =>
        // integrated_account_id is nearly always there (without it nothing reaches the provider), the others
        // one time in three, so that some requests pass validation and reach the code behind it.
        fc.oneof(
          { weight: name === "integrated_account_id" ? 1 : 6, arbitrary: fc.constant(null) },
          {
            weight: name === "integrated_account_id" ? 12 : 3,
            arbitrary: queryValue(name).map((value) => [name, value] as const),
          },
        ),
      ),
    )
    .map((pairs) => pairs.filter((pair) => pair !== null));
  const extraKey = fc.oneof(fc.constantFrom(...prototypeNames, "a[b]", "", ...op.queryParams), hostileString);
  const extra = fc.oneof(
    { weight: 3, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: fc.array(fc.tuple(extraKey, hostileString), { minLength: 1, maxLength: 2 }) },
  );
  return fc
    .record({
      auth,
      method: fc.oneof(
        { weight: 10, arbitrary: fc.constant(op.method) },
        {
          weight: 1,
          arbitrary: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "PROPFIND"),
        },
      ),
      segments: fc.array(pathSegment, { minLength: op.pathParams.length, maxLength: op.pathParams.length }),
      query: fc.tuple(documented, extra).map(([known, unknown]) => [...known, ...unknown]),
      rawQuery: fc.oneof(
        { weight: 6, arbitrary: fc.constant("") },
        { weight: 1, arbitrary: fc.constantFrom("&%", "&=", "&&", "&a[b][c]=1", "&%E0%A4%A=1", "&x=%00") },
      ),
      payload: body(op, context),
      contentType: fc.oneof(
        { weight: 8, arbitrary: fc.constant("application/json") },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            "text/plain",
            "application/x-www-form-urlencoded",
            "application/json; charset=utf-16",
            "",
          ),
        },
      ),
    })
    .map(({ auth, method, segments, query, rawQuery, payload, contentType }) => {
      let path = op.path;
      op.pathParams.forEach((name, i) => {
        path = path.replace(`{${name}}`, segments[i] ?? "");
      });
      const search = query.map(([key, value]) => `${encode(key)}=${encode(value)}`).join("&") + rawQuery;
      const headers: Record<string, string> = { ...auth };
      if (payload !== undefined && contentType) headers["content-type"] = contentType;
      return { method, url: search ? `${path}?${search}` : path, headers, payload };
    });
}
