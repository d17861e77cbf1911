import fc from "fast-check";
import { hostileJson, hostileString } from "./hostile-values.ts";

/** Stands for the live test account's id in a generated URL or body; replaced when the request is sent. */
export const ACCOUNT = "__ACCOUNT__";

/** What a plausible request needs from the world under test (read when the request is sent). */
export interface FuzzContext {
  apiKey: string;
}

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

/** A value for a query parameter: mostly plausible for a known name, sometimes hostile. */
export function queryValue(name: string): fc.Arbitrary<string> {
  const plausible = Object.hasOwn(plausibleQuery, name) ? plausibleQuery[name] : undefined;
  return plausible
    ? fc.oneof({ weight: 6, arbitrary: plausible }, { weight: 1, arbitrary: hostileString })
    : hostileString;
}

/** Plausible values by property name, so requests also get past validation and reach the code behind it. */
export function plausibleProperty(name: string, context: FuzzContext): fc.Arbitrary<unknown> {
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

/** Path segments that name real things (the test account, proxy resources), so some paths resolve. */
export const plausibleSegment = fc.constantFrom(
  ACCOUNT,
  "users",
  "teams",
  "account",
  "roles",
  "schedules",
  "heartbeats",
  "wh_1",
  "lt_x",
);
