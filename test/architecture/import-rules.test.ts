import fs from "node:fs";
import path from "node:path";
import { cruise, type IViolation } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/databases.ts";

const root = path.resolve(import.meta.dirname, "../..");
const configFile = path.join(root, ".dependency-cruiser.cjs");

/** The violations `npm run lint` would report for `paths` under `baseDir`, with the project's own rules. */
async function violations(baseDir: string, paths: string[]): Promise<IViolation[]> {
  const options = await extractDepcruiseOptions(configFile);
  const tsConfig = extractTSConfig(path.join(root, "tsconfig.json"));
  const result = await cruise(paths, { ...options, baseDir }, {}, { tsConfig });
  if (typeof result.output === "string") throw new Error("expected a cruise result, got a report");
  return result.output.summary.violations;
}

/** One import per importing file, so each file's violations name exactly the rule its import breaks. */
const fixture: Record<string, string> = {
  "src/core/errors.ts": "export const code = 'x';",
  "src/core/leak.ts": 'import { db } from "../store/db.ts";\nexport const y = db;',
  "src/core/clock.ts": 'import fs from "node:fs";\nexport const read = fs.readFileSync;',
  "src/core/cursor.test.ts": 'import { db } from "../store/db.ts";\nexport const y = db;',
  "src/store/db.ts": "export const db = 1;\nexport type Db = number;",
  "src/store/rows.ts": 'import { helper } from "../../test/helpers/world.ts";\nexport const y = helper;',
  "src/http/engine.ts": 'import type { Db } from "../store/db.ts";\nexport const y: Db = 1;',
  "src/directory/search.ts": 'import { emit } from "../events/outbox.ts";\nexport const y = emit;',
  "src/events/outbox.ts": "export const emit = 1;",
  "src/providers/index.ts": 'import { alpha } from "./alpha/definition.ts";\nexport const all = [alpha];',
  "src/providers/alpha/definition.ts": "export const alpha = 1;",
  "src/providers/alpha/fixtures/users.ts": "export const userList = [];",
  "src/providers/alpha/mappers.ts":
    'import { userList } from "./fixtures/users.ts";\nexport const y = userList;',
  "src/providers/beta/mappers.ts": 'import { alpha } from "../alpha/definition.ts";\nexport const y = alpha;',
  "src/unified/executor.ts":
    'import { alpha } from "../providers/alpha/definition.ts";\nexport const y = alpha;',
  "src/unified/registry-use.ts": 'import { all } from "../providers/index.ts";\nexport const y = all;',
  "src/api/server.ts": 'import { sim } from "../../simulators/alpha/server.ts";\nexport const y = sim;',
  "src/api/wiring.ts": 'import { main } from "../main.ts";\nexport const y = main;',
  "src/main.ts": 'import { all } from "./providers/index.ts";\nexport const main = all;',
  "src/web/connect/api.ts": 'import { code } from "../../core/errors.ts";\nexport const y = code;',
  "src/web/connect/host.ts": 'import path from "node:path";\nexport const y = path.sep;',
  "simulators/alpha/server.ts": 'import { code } from "../../src/core/errors.ts";\nexport const sim = code;',
  "test/helpers/world.ts": "export const helper = 1;",
  "clients/typescript/src/index.ts":
    'import { code } from "../../../src/core/errors.ts";\nexport const y = code;',
  "clients/typescript/src/client.ts": 'import { helper } from "./own.ts";\nexport const y = helper;',
  "clients/typescript/src/own.ts": "export const helper = 1;",
  "examples/mapper/app.ts": 'import { db } from "../../src/store/db.ts";\nexport const y = db;',
  "examples/mapper/own.ts":
    'import { helper } from "../../clients/typescript/src/own.ts";\nexport const y = helper;',
  "examples/mapper/app.test.ts":
    'import { sim } from "../../simulators/alpha/server.ts";\nexport const y = sim;',
};

describe("import rules (.dependency-cruiser.cjs, run by npm run lint)", () => {
  let found: IViolation[] = [];
  beforeAll(async () => {
    const dir = tempDir("roster-imports-");
    for (const [file, text] of Object.entries(fixture)) {
      fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), `${text}\n`);
    }
    found = await violations(dir, ["src", "simulators", "clients", "examples"]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const rulesBrokenBy = (from: string) =>
    found
      .filter((v) => v.from === from)
      .map((v) => v.rule.name)
      .sort();

  it.each([
    ["src/core/leak.ts", ["core-imports-nothing"]],
    ["src/core/clock.ts", ["core-is-pure"]],
    ["src/http/engine.ts", ["http-imports"]],
    ["src/directory/search.ts", ["directory-imports"]],
    ["src/providers/beta/mappers.ts", ["provider-not-other-provider"]],
    ["src/unified/executor.ts", ["providers-through-registry"]],
    ["src/api/server.ts", ["src-not-simulators"]],
    ["src/api/wiring.ts", ["api-imports", "main-used-by-cli-only"]],
    ["src/web/connect/api.ts", ["web-is-browser-code"]],
    ["src/web/connect/host.ts", ["web-no-node-builtins"]],
    ["simulators/alpha/server.ts", ["simulators-stand-alone"]],
    ["src/store/rows.ts", ["production-not-test-code"]],
    ["src/providers/alpha/mappers.ts", ["production-not-test-code"]],
    ["clients/typescript/src/index.ts", ["client-stand-alone"]],
    ["examples/mapper/app.ts", ["examples-through-client"]],
  ])("a forbidden import in %s is reported as %j", (from, rules) => {
    expect(rulesBrokenBy(from)).toEqual(rules);
  });

  it.each([
    ["src/unified/registry-use.ts", "a layer reaching a provider through the registry"],
    ["src/providers/index.ts", "the registry importing a provider folder"],
    ["src/main.ts", "the composition root"],
    ["src/core/cursor.test.ts", "a test beside the code importing what it needs"],
    ["clients/typescript/src/client.ts", "the client importing its own files"],
    ["examples/mapper/own.ts", "an example importing the client"],
    ["examples/mapper/app.test.ts", "an example's test starting a simulator"],
  ])("%s is allowed (%s)", (from) => {
    expect(rulesBrokenBy(from)).toEqual([]);
  });

  it("every violation is an error, so the lint fails", () => {
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((v) => v.rule.severity === "error")).toBe(true);
  });

  it("src, simulators, the client and the examples obey them", async () => {
    const broken = (await violations(root, ["src", "simulators", "clients", "examples"])).map(
      (v) => `${v.rule.name}: ${v.from} -> ${v.to}`,
    );
    expect(broken).toEqual([]);
  });
});
