import fc from "fast-check";
import type { FuzzOperation } from "./openapi-operations.ts";

/** A request as app.inject() takes it. `__ACCOUNT__` in the URL stands for the live test account's id. */
export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** What a plausible request needs from the world under test (read when the request is sent). */
export interface FuzzContext {
  apiKey: string;
}

export const ACCOUNT = "__ACCOUNT__";

/** Names that resolve to something on a plain object's prototype chain. */
const prototypeNames = ["__proto__", "constructor", "prototype", "hasOwnProperty", "toString", "valueOf"];

const nastyStrings = fc.constantFrom(
  "",
  " ",
  ".",
  "..",
  "/",
  "\\",
  "%",
  "%00",
  "%E0%A4%A",
  "..%2F..",
  "http://169.254.169.254/latest",
  "http://127.0.0.1:9/hook",
  "//evil.example/x",
  "javascript:alert(1)",
  "a\u0000b",
  "\u0000",
  "\r\nx-injected: 1",
  "\t",
  "\u202e\u200b",
  "😀",
  "ключ-€",
  "\ud800",
  "null",
  "NaN",
  "-1",
  "0",
  "1e309",
  "true",
  "*",
  "?#&=;",
  "'; drop table users; --",
  "<script>alert(1)</script>",
  ...prototypeNames,
);

/** Strings a hostile caller sends: special forms, random unicode (lone surrogates included), very long ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: nastyStrings },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 100, maxLength: 600 }) },
  { weight: 1, arbitrary: fc.integer({ min: 90, max: 5000 }).map((n) => "a".repeat(n)) },
);

/** Percent-encodes like a client would; a lone surrogate cannot be, so it goes out as invalid UTF-8. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return "%ED%A0%80";
  }
}

/** Raw URL fragments no well-behaved client sends. */
const percentGarbage = fc.constantFrom(
  "%",
  "%E0%A4%A",
  "%zz",
  "%00",
  "a%2Fb",
  "..%2F..%2Fv2",
  "%2e%2e",
  "http%3A%2F%2F169.254.169.254%2Flatest",
  "%2F%2Fevil.example",
  "v2/account",
  "v2/users?x=1",
);

const pathSegment = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      ACCOUNT,
      "users",
      "teams",
      "account",
      "roles",
      "schedules",
      "heartbeats",
      "wh_1",
      "lt_x",
    ),
  },
  { weight: 4, arbitrary: hostileString.map(encode) },
  { weight: 2, arbitrary: percentGarbage },
);

/** Plausible query values by parameter name, so requests also get past validation to the code behind it. */
const plausibleQuery: Record<string, fc.Arbitrary<string>> = {
  integrated_account_id: fc.constant(ACCOUNT),
  limit: fc.constantFrom("5", "1", "0", "1001", "1e3"),
  next_cursor: fc.constantFrom("eyJzIjoieCJ9.sig", "x", ""),
  fetch_all: fc.constantFrom("true", "false", "yes"),
  ignore_remote_data: fc.constantFrom("true", "1"),
  response_format: fc.constantFrom("raw", "unified"),
  source: fc.constantFrom("store", "live"),
  updated_since: fc.constantFrom("2026-01-01T00:00:00Z", "yesterday"),
  email: fc.constantFrom("someone@example.com", "@"),
  group_id: fc.constantFrom("team-1", ""),
  include: fc.constantFrom("members", "members,owners"),
  tenant_id: fc.constantFrom("tenant-fuzz", ""),
  integration: fc.constantFrom("opsgenie", "constructor"),
  status: fc.constantFrom("active", "needs_reauth", "bogus"),
  q: fc.constantFrom("a", "jo", "José"),
  sync_job_id: fc.constantFrom("sj_x", ""),
};

function queryValue(name: string): fc.Arbitrary<string> {
  const plausible = Object.hasOwn(plausibleQuery, name) ? plausibleQuery[name] : undefined;
  return plausible
    ? fc.oneof({ weight: 6, arbitrary: plausible }, { weight: 1, arbitrary: hostileString })
    : hostileString;
}

/** Nested arrays, deep enough that a recursive walk of a value must not overflow here. */
const nested = fc
  .integer({ min: 20, max: 400 })
  .map((depth) => JSON.parse(`${"[".repeat(depth)}${"]".repeat(depth)}`));

const jsonLeaf: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0, 5e-324) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: jsonLeaf },
  { weight: 1, arbitrary: fc.array(jsonLeaf, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, jsonLeaf, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: nested },
);

/** Plausible values by property name, so requests also get past validation and reach the code behind it. */
function plausibleProperty(name: string, context: FuzzContext): fc.Arbitrary<unknown> {
  const byName: Record<string, fc.Arbitrary<unknown>> = {
    integration: fc.constantFrom("opsgenie", "constructor"),
    context: fc.record(
      {
        api_key: fc.oneof(fc.constant(context.apiKey), hostileString),
        region: fc.constantFrom("us", "eu", "__proto__"),
      },
      { requiredKeys: [] },
    ),
    tenant_id: fc.constantFrom("tenant-fuzz", "a"),
    integrated_account_id: fc.constant(ACCOUNT),
    event_types: fc.constantFrom(["*"], ["user.created"], ["constructor"]),
    target_url: fc.constantFrom("http://127.0.0.1:9/hook", "http://169.254.169.254/latest", "ftp://x"),
    resources: fc.constantFrom(["users"], ["groups", "roles"], ["__proto__"]),
    interval_minutes: fc.constantFrom(60, 0, -1, 1e9, null),
    redirect_uri: fc.constantFrom("https://app.example.com/done", "javascript:alert(1)"),
    origin: fc.constantFrom("https://app.example.com", "null"),
    expires_in_seconds: fc.constantFrom(60, 0, 1e12),
  };
  return Object.hasOwn(byName, name) ? (byName[name] as fc.Arbitrary<unknown>) : hostileJson;
}

/** JSON texts no serializer produces: broken, prototype-polluting, absurdly deep or numerically huge. */
function rawBodies(property: string): string[] {
  return [
    "{",
    "[1,",
    "",
    "\u0000",
    '{"__proto__":{"polluted":1}}',
    '{"constructor":{"prototype":{"polluted":1}}}',
    `${"[".repeat(100_000)}${"]".repeat(100_000)}`,
    `{"${property}":${"[".repeat(10_000)}${"]".repeat(10_000)}}`,
    `{"${property}":1e999}`,
    `{"${property}":123456789012345678901234567890}`,
    '"\\u0000"',
  ];
}

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
