import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../helpers/opsgenie-world.ts";
import { ACCOUNT, type FuzzRequest, hostileRequest } from "./hostile-requests.ts";
import { type FuzzOperation, fuzzOperations } from "./openapi-operations.ts";
import { expectRosterAnswer } from "./roster-answer.ts";

/** Fixed, so a failure is reproduced by running the test again; the counterexample is in the message. */
const SEED = 20_261_130;
/** Requests per operation and token mode: every operation of the document is fuzzed on every run. */
const RUNS: Record<string, number> = { sqlite: 60, postgres: 20 };

// The simulator's limits are generous so the pacer does not make the fuzz wait; the domains are Opsgenie's.
const generous = { perSecond: 10_000, perMinute: 600_000 };
const rateLimits = Object.fromEntries(
  ["search", "configuration", "alert", "incident", "heartbeat", "schedule-oncalls"].map((d) => [d, generous]),
);

describe.each(testDatabases)("fuzzing every operation of /openapi.json on $name", (database) => {
  let world: OpsgenieWorld;
  let operations: FuzzOperation[];
  let account: string;
  beforeAll(async () => {
    world = await startOpsgenieWorld({
      databaseUrl: await database.create(),
      us: { users: 30, teams: 3, rateLimits },
      eu: { users: 5, teams: 1, rateLimits },
      // No job queue or webhook worker: nothing the fuzz creates is run or delivered in the background.
      env: { ROSTER_JOBS: "off" },
    });
    account = await world.link(world.us.apiKeys.full);
    operations = fuzzOperations((await world.roster.app.inject({ url: "/openapi.json" })).json());
  }, 30_000);
  afterAll(() => world?.close());

  /** Sends one request; if it deleted the test account, links a new one so later requests still go deep. */
  async function send(request: FuzzRequest) {
    const answer = await world.roster.app.inject({
      method: request.method as "GET",
      url: request.url.replaceAll(ACCOUNT, account),
      headers: request.headers,
      ...(request.payload === undefined ? {} : { payload: request.payload }),
    });
    if (
      request.method === "DELETE" &&
      request.url.startsWith(`/integrated-account/${ACCOUNT}`) &&
      answer.statusCode === 200
    )
      account = await world.link(world.us.apiKeys.full);
    return answer;
  }

  const tokenModes = [
    {
      name: "with a valid bearer token",
      runs: RUNS,
      authorized: true,
      auth: () => fc.constant(world.roster.auth),
    },
    {
      name: "without a valid token",
      runs: { sqlite: 10, postgres: 4 },
      authorized: false,
      auth: () =>
        fc.constantFrom<Record<string, string>>(
          {},
          { authorization: "Bearer not-a-token" },
          { authorization: "Basic YTpi" },
          { authorization: `Bearer ${"a".repeat(5000)}` },
          { authorization: "Bearer \u00ff\u00fe" },
        ),
    },
  ];

  it.each(tokenModes)(
    "answers malformed requests $name in Roster's shape, never a 5xx of its own",
    async ({ auth, runs, authorized }) => {
      world.us.resetStats();
      for (const op of operations) {
        const where = `${op.method} ${op.path}`;
        await fc.assert(
          fc.asyncProperty(hostileRequest(op, { apiKey: world.us.apiKeys.full }, auth()), async (request) => {
            const answer = await send(request);
            expectRosterAnswer(
              answer,
              `${where} as ${request.method} ${request.url.slice(0, 200)}`,
              request.method,
            );
          }),
          { seed: SEED, numRuns: runs[database.name] ?? 2, endOnFailure: true },
        );
      }
      // Unified, proxy and pass-through requests got past validation to the simulator (or, without a token, not).
      if (authorized) expect(world.us.stats().total).toBeGreaterThan(0);
      else expect(world.us.stats().total).toBe(0);
    },
    120_000,
  );
});
