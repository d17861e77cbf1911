/**
 * Every answer the simulator serves, for every route family (lists, singles, writes, errors, 429), validated
 * against the response the official OpenAPI 3 spec documents for that operation and status
 * (`../shared/reference/pagerduty-oas/rest-openapiv3.json`, PagerDuty/api-schema `reference/REST/openapiv3.json`).
 * Where the simulator answers a status the operation does not document (a 429 on `/licenses`, say), the body
 * is checked against the spec's generic error schema and the case is listed in UNDOCUMENTED below.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  componentRef,
  loadSpec,
  resolvePointer,
  responseSchema,
  type Schema,
  validate,
} from "../kit/spec-validator.ts";
import { type CallResult, must } from "../kit/test-helpers.ts";
import { startPagerdutySimulator } from "./index.ts";
import { allRoutes } from "./routes.ts";
import { type CallOptions, call, useSimulator } from "./test-helpers.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SPEC_PATH = path.resolve(REPO_ROOT, "../shared/reference/pagerduty-oas/rest-openapiv3.json");

const spec = loadSpec(SPEC_PATH);
if (!spec) console.warn(`[pagerduty simulator] skipping spec conformance: ${SPEC_PATH} not found`);

/** The error body every documented error answer of the spec shares. */
const ERROR: Schema = { $ref: "#/components/responses/Conflict/content/application~1json/schema" };

/** Statuses the simulator answers that the operation does not document, and why that is right. */
const UNDOCUMENTED = new Set([
  // Every call counts against the key's limit (reference §1.6), documented or not.
  "GET /licenses 429",
  // No teams ability means no teams: the members of one are refused like the team itself.
  "GET /teams/{id}/members 402",
  // Unknown users: the spec lists 404 on the user but not on these sub-resources.
  "GET /users/{id}/contact_methods 404",
  "GET /users/{id}/notification_rules 404",
]);

/**
 * Where the spec's own examples contradict its schema, the simulator follows the examples (and the reference,
 * §1.4): licenses have `self` and `html_url` null, which the `License` schema types as non-null strings.
 */
const EXAMPLES_OVER_SCHEMA: { templates: string[]; error: RegExp }[] = [
  {
    templates: ["/licenses", "/license_allocations", "/users/{id}/license"],
    error: /\.(self|html_url): expected string, got null$/,
  },
];

function problems(template: string, schema: Schema, body: unknown): string[] {
  const tolerated = EXAMPLES_OVER_SCHEMA.filter((d) => d.templates.includes(template));
  return validate(must(spec), schema, body).filter((e) => !tolerated.some((d) => d.error.test(e)));
}

describe.skipIf(!spec)("responses match the official OpenAPI 3 spec", () => {
  const sim = useSimulator({ seed: 81, users: 120, teams: 8 });
  const seen = new Set<string>();
  const undocumented = new Set<string>();

  /** Calls `path` and validates the answer against `method template`'s documented response for its status. */
  async function check(
    method: string,
    template: string,
    target: string,
    options: CallOptions = {},
  ): Promise<CallResult> {
    const res = await call(sim(), target, { ...options, method });
    seen.add(`${method} ${template}`);
    const schema = responseSchema(must(spec), template, method, res.status);
    const what = `${method} ${template} ${res.status}`;
    if (schema === null) expect([what, res.json]).toEqual([what, undefined]);
    else if (schema) expect([what, problems(template, schema, res.json)]).toEqual([what, []]);
    else {
      expect(res.status, `${what} is not documented`).toBeGreaterThanOrEqual(400);
      undocumented.add(what);
      expect([what, validate(must(spec), ERROR, res.json)]).toEqual([what, []]);
    }
    return res;
  }

  afterAll(() => {
    expect([...undocumented].sort()).toEqual([...UNDOCUMENTED].sort());
  });

  it("every served route is a path and method of the spec", () => {
    for (const r of allRoutes) {
      const template = r.template.replace(/:(\w+)/g, "{$1}");
      const operation = resolvePointer(
        must(spec),
        `#/paths/${template.replace(/\//g, "~1")}/${r.method.toLowerCase()}`,
      );
      expect([r.method, template, operation !== undefined]).toEqual([r.method, template, true]);
    }
  });

  it("users: list (plain and total), get, me, contact methods, notification rules, license", async () => {
    const users = (await check("GET", "/users", "/users?limit=100")).json.users;
    await check("GET", "/users", "/users?total=true&query=a&offset=3");
    const id = users[0].id;
    await check("GET", "/users/{id}", `/users/${id}`);
    await check("GET", "/users/me", "/users/me", { key: sim().apiKeys.user });
    const methods = (await check("GET", "/users/{id}/contact_methods", `/users/${id}/contact_methods`)).json;
    await check(
      "GET",
      "/users/{id}/contact_methods/{contact_method_id}",
      `/users/${id}/contact_methods/${methods.contact_methods[0].id}`,
    );
    const rules = (await check("GET", "/users/{id}/notification_rules", `/users/${id}/notification_rules`))
      .json;
    await check(
      "GET",
      "/users/{id}/notification_rules/{notification_rule_id}",
      `/users/${id}/notification_rules/${rules.notification_rules[0].id}`,
    );
    await check("GET", "/users/{id}/license", `/users/${id}/license`);
    // Phones and SMS are in the population too, not only e-mails.
    const phones = users.filter((u: { contact_methods: unknown[] }) => u.contact_methods.length > 1);
    expect(phones.length).toBeGreaterThan(0);
    await check("GET", "/users/{id}/contact_methods", `/users/${phones[0].id}/contact_methods`);
  });

  it("include[]=contact_methods on notification rules: the rule is a NotificationRule but for its sideloaded method", async () => {
    const user = must(
      sim()
        .directory.sortedUsers()
        .find((u) => u.contactMethods.length > 1),
    );
    const res = await call(sim(), `/users/${user.id}/notification_rules?include[]=contact_methods`);
    const methodSchema = must(responseSchema(must(spec), "/users/{id}/contact_methods", "GET", 200))
      .properties?.contact_methods?.items as Schema;
    for (const { contact_method, ...rule } of res.json.notification_rules) {
      const ref = { id: contact_method.id, type: `${contact_method.type}_reference` };
      expect(
        validate(must(spec), componentRef("NotificationRule"), { ...rule, contact_method: ref }),
      ).toEqual([]);
      expect(validate(must(spec), methodSchema, contact_method)).toEqual([]);
    }
  });

  it("include[]: the rest of the user is a User, and each sideloaded member is its full object", async () => {
    const res = await call(
      sim(),
      "/users?include[]=teams&include[]=contact_methods&include[]=notification_rules&limit=50",
    );
    const full = {
      teams: componentRef("Team"),
      contact_methods: must(responseSchema(must(spec), "/users/{id}/contact_methods", "GET", 200)).properties
        ?.contact_methods?.items as Schema,
      notification_rules: componentRef("NotificationRule"),
    };
    const withTeams = res.json.users.filter((u: { teams: unknown[] }) => u.teams.length > 0);
    expect(withTeams.length).toBeGreaterThan(0);
    for (const user of res.json.users) {
      const { teams, contact_methods, notification_rules, ...rest } = user;
      expect(validate(must(spec), componentRef("User"), rest)).toEqual([]);
      for (const [member, items] of Object.entries({ teams, contact_methods, notification_rules }))
        for (const item of items)
          expect(validate(must(spec), full[member as keyof typeof full], item)).toEqual([]);
    }
  });

  it("teams: list, get, create, update, members, membership writes, delete", async () => {
    const teams = (await check("GET", "/teams", "/teams?total=true")).json.teams;
    await check("GET", "/teams/{id}", `/teams/${teams[0].id}`);
    await check("GET", "/teams/{id}/members", `/teams/${teams[0].id}/members?limit=5`);
    const created = (
      await check("POST", "/teams", "/teams", { body: { team: { type: "team", name: "Spec Team" } } })
    ).json;
    const id = created.team.id;
    await check("PUT", "/teams/{id}", `/teams/${id}`, { body: { team: { description: "Checked" } } });
    const user = must([...sim().directory.users.values()].find((u) => u.role === "limited_user"));
    await check("PUT", "/teams/{id}/users/{user_id}", `/teams/${id}/users/${user.id}`, {
      body: { role: "responder" },
    });
    await check("DELETE", "/teams/{id}/users/{user_id}", `/teams/${id}/users/${user.id}`);
    await check("DELETE", "/teams/{id}", `/teams/${id}`);
  });

  it("users: create, update, delete", async () => {
    const created = (
      await check("POST", "/users", "/users", {
        headers: { From: sim().keyUsers.user.email },
        body: { user: { type: "user", name: "Spec User", email: "spec.user@example.com", role: "observer" } },
      })
    ).json;
    const id = created.user.id;
    await check("PUT", "/users/{id}", `/users/${id}`, { body: { user: { job_title: "Spec Checker" } } });
    await check("DELETE", "/users/{id}", `/users/${id}`);
  });

  it("licenses, allocations, abilities, audit records", async () => {
    const licenses = (await check("GET", "/licenses", "/licenses")).json.licenses;
    expect(licenses.map((l: { self: unknown; html_url: unknown }) => [l.self, l.html_url])).toEqual([
      [null, null],
      [null, null],
    ]);
    await check("GET", "/license_allocations", "/license_allocations?limit=10&total=true");
    await check("GET", "/abilities", "/abilities");
    await check("GET", "/abilities/{id}", "/abilities/teams");
    const records = (await check("GET", "/audit/records", "/audit/records?limit=2")).json;
    expect(records.records.length).toBe(2);
    await check("GET", "/audit/records", `/audit/records?limit=2&cursor=${records.next_cursor}`);
  });

  it("schedules, on-calls, escalation policies, services, incidents", async () => {
    const schedules = (await check("GET", "/schedules", "/schedules")).json.schedules;
    await check("GET", "/schedules/{id}", `/schedules/${schedules[0].id}`);
    expect((await check("GET", "/oncalls", "/oncalls")).json.oncalls.length).toBeGreaterThan(0);
    const policies = (await check("GET", "/escalation_policies", "/escalation_policies")).json
      .escalation_policies;
    await check("GET", "/escalation_policies/{id}", `/escalation_policies/${policies[0].id}`);
    const services = (await check("GET", "/services", "/services")).json.services;
    await check("GET", "/services/{id}", `/services/${services[0].id}`);
    const incidents = (await check("GET", "/incidents", "/incidents?total=true")).json.incidents;
    expect(incidents.some((i: { status: string }) => i.status === "resolved")).toBe(true);
    await check("GET", "/incidents/{id}", `/incidents/${incidents[0].id}`);
  });

  it("errors: 400, 401, 402, 403 and 404 bodies", async () => {
    const user = must(sim().directory.sortedUsers()[1]);
    const team = must([...sim().directory.teams.values()][0]);
    await check("GET", "/users", "/users?offset=9999&limit=100");
    await check("GET", "/users", "/users", { key: "unknown-key" });
    await check("GET", "/users", "/users", { key: sim().apiKeys.restrictedUser });
    await check("GET", "/users/me", "/users/me");
    await check("GET", "/users/{id}", "/users/PNOSUCH");
    await check("GET", "/users/{id}/contact_methods", "/users/PNOSUCH/contact_methods");
    await check("GET", "/users/{id}/notification_rules", "/users/PNOSUCH/notification_rules");
    await check("POST", "/users", "/users", { body: { user: {} } });
    await check("POST", "/users", "/users", { headers: { From: user.email }, body: { user: {} } });
    await check("POST", "/users", "/users", { key: sim().apiKeys.readOnly, body: { user: {} } });
    await check("PUT", "/users/{id}", "/users/PNOSUCH", { body: { user: {} } });
    await check("DELETE", "/users/{id}", "/users/PNOSUCH");
    await check("PUT", "/teams/{id}/users/{user_id}", `/teams/${team.id}/users/${user.id}`, {
      body: { role: "chief" },
    });
    await check("GET", "/teams/{id}", "/teams/PNOSUCH");
    await check("GET", "/abilities/{id}", "/abilities/nothing");
    const abilities = [...sim().directory.abilities];
    sim().setAbilities([]);
    try {
      await check("GET", "/teams", "/teams");
      await check("GET", "/teams/{id}/members", `/teams/${team.id}/members`);
      await check("GET", "/abilities/{id}", "/abilities/teams");
      await check("GET", "/audit/records", "/audit/records");
    } finally {
      sim().setAbilities(abilities);
    }
  });

  it("429s", async () => {
    sim().setRateLimit(1);
    try {
      await call(sim(), "/abilities");
      expect((await check("GET", "/users", "/users")).status).toBe(429);
      expect((await check("GET", "/licenses", "/licenses")).status).toBe(429);
    } finally {
      sim().setRateLimit(960);
    }
  });

  it("no seat left: POST /users is a 402", async () => {
    const full = await startPagerdutySimulator({ seed: 82, users: 10, teams: 1, seats: { fullUser: 0 } });
    try {
      const res = await call(full, "/users", {
        method: "POST",
        headers: { From: full.keyUsers.user.email },
        body: { user: { name: "No Seat", email: "no.seat@example.com" } },
      });
      const schema = responseSchema(must(spec), "/users", "POST", res.status);
      expect([res.status, validate(must(spec), must(schema), res.json)]).toEqual([402, []]);
    } finally {
      await full.close();
    }
  });

  it("every route was exercised", () => {
    const routes = allRoutes.map((r) => `${r.method} ${r.template.replace(/:(\w+)/g, "{$1}")}`);
    expect(routes.filter((r) => !seen.has(r))).toEqual([]);
  });
});
