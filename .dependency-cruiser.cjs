/**
 * Import rules of DESIGN.md ("Allowed imports"), checked by `npm run lint` (depcruise src simulators).
 * Each layer rule lists what the layer MAY import inside src/; anything else in src/ is a violation.
 * Folders DESIGN.md's arrows do not name get rules derived from its layout (marked "derived" below).
 * Layer rules apply to production files only: test code may import whatever it exercises (simulators, helpers,
 * the composition root). The cli's lazy `import()` of simulators/ is computed at run time, so no rule sees it.
 */

/**
 * Test code wherever it lives (tests, their helpers, recorded payload fixtures): exempt from the layer rules,
 * and never imported by production code.
 */
const testCode = ["\\.test\\.ts$", "(^|/)test-helpers\\.ts$", "(^|/)fixtures/", "^test/"];

/** A layer rule: production files under `from` may import, inside src/, only `allowed` (and themselves). */
function layer(name, from, allowed, comment) {
  return {
    name,
    comment,
    severity: "error",
    from: { path: from, pathNot: testCode },
    to: { path: "^src/", pathNot: [from, ...allowed] },
  };
}

const src = (folder) => `^src/${folder}/`;

module.exports = {
  forbidden: [
    // Arrows of DESIGN.md.
    layer(
      "api-imports",
      src("api"),
      [
        "unified",
        "proxy",
        "sync",
        "directory",
        "events",
        "webhooks",
        "connections",
        "jobs",
        "vault",
        "store",
        "providers",
        "http",
        "core",
      ]
        .map(src)
        .concat("^src/config\\.ts$"),
      "api -> unified, proxy, sync, directory, events, webhooks, connections, jobs, vault, store, providers, http, " +
        "core (and config.ts: the server context carries the typed config). Not main.ts or cli: they wire the api.",
    ),
    layer(
      "sync-imports",
      src("sync"),
      ["unified", "connections", "directory", "events", "providers", "http", "store", "jobs", "core"].map(
        src,
      ),
      "sync -> unified, connections, directory, events, providers, http, store, jobs, core.",
    ),
    layer(
      "unified-imports",
      src("unified"),
      ["connections", "providers", "http", "store", "core"].map(src),
      "unified -> connections, providers, http, store, core.",
    ),
    layer(
      "proxy-imports",
      src("proxy"),
      ["connections", "providers", "http", "store", "core"].map(src),
      "proxy -> connections, providers, http, store, core.",
    ),
    layer(
      "connections-imports",
      src("connections"),
      ["providers", "http", "vault", "store", "core"].map(src),
      "connections -> providers, http, vault, store, core.",
    ),
    layer("directory-imports", src("directory"), ["store", "core"].map(src), "directory -> store, core."),
    layer("events-imports", src("events"), ["store", "core"].map(src), "events -> store, core."),
    layer(
      "webhooks-imports",
      src("webhooks"),
      ["events", "store", "vault", "core"].map(src),
      "webhooks -> events, store, vault, core.",
    ),
    layer("providers-imports", src("providers"), ["http", "core"].map(src), "providers -> http, core."),
    layer("http-imports", src("http"), [src("core")], "http -> core."),
    layer(
      "core-imports-nothing",
      src("core"),
      [],
      "core -> nothing: the pure domain imports no other layer.",
    ),
    {
      name: "core-is-pure",
      comment:
        "core is pure domain, no I/O: of the outside world it may use zod (models) and node:crypto (signed " +
        "cursors) only; no database, network, file system or logging.",
      severity: "error",
      from: { path: src("core"), pathNot: testCode },
      to: {
        pathNot: ["^src/", "^(node:)?crypto$", "(^|/)node_modules/zod/"],
      },
    },

    // Derived: folders and files DESIGN.md lays out but its arrows do not name.
    layer(
      "store-imports",
      src("store"),
      [src("core")],
      "derived: store -> core. The database layer sits under every layer that reads or writes tables.",
    ),
    layer(
      "vault-imports",
      src("vault"),
      ["core", "store"].map(src),
      "derived: vault -> core, store (key rotation re-wraps sealed secrets in their tables).",
    ),
    layer(
      "jobs-imports",
      src("jobs"),
      ["store", "core"].map(src),
      "derived: jobs -> store, core. A queue runs handlers it is given; it knows no job's domain.",
    ),
    layer(
      "config-imports",
      "^src/config\\.ts$",
      ["core", "store", "http"]
        .map(src)
        .concat(
          "^src/jobs/options\\.ts$",
          "^src/webhooks/(options|retry-schedule)\\.ts$",
          "^src/vault/keyring\\.ts$",
        ),
      "derived: config.ts -> core, store, http (the database target and engine defaults it reads), the job " +
        "queue's and webhook delivery's option shapes and defaults, and the vault's master key format (so a bad " +
        "ROSTER_MASTER_KEY is refused with the other settings). It turns the environment into values and wires nothing.",
    ),
    layer(
      "logger-imports",
      "^src/logger\\.ts$",
      ["^src/url-redaction\\.ts$"],
      "derived: logger.ts -> only url-redaction.ts (secrets in request URLs). Layers take a pino Logger; only the composition root makes one.",
    ),
    {
      name: "config-read-by-composition",
      comment:
        "derived: only the composition side (main.ts, cli, api's server context) reads config.ts; " +
        "every other layer is handed the options it needs (explicit wiring).",
      severity: "error",
      from: {
        path: "^src/",
        pathNot: ["^src/main\\.ts$", "^src/config\\.ts$", src("cli"), src("api"), ...testCode],
      },
      to: { path: "^src/config\\.ts$" },
    },
    {
      name: "logger-made-by-composition",
      comment: "derived: only main.ts and cli create the logger.",
      severity: "error",
      from: { path: "^src/", pathNot: ["^src/main\\.ts$", src("cli"), ...testCode] },
      to: { path: "^src/logger\\.ts$" },
    },
    {
      name: "main-used-by-cli-only",
      comment: "derived: main.ts is the composition root; only the cli (the program's entry) imports it.",
      severity: "error",
      from: { path: "^src/", pathNot: ["^src/main\\.ts$", src("cli"), ...testCode] },
      to: { path: "^src/main\\.ts$" },
    },
    {
      name: "cli-is-the-top",
      comment: "derived: cli -> main.ts and anything in src; nothing in src imports the cli.",
      severity: "error",
      from: { path: "^src/", pathNot: [src("cli"), ...testCode] },
      to: { path: src("cli") },
    },
    {
      name: "web-is-browser-code",
      comment:
        "derived: src/web is the connect page (built by Vite for the browser); it imports nothing server-side: " +
        "no other folder of src, no simulators, no Node built-ins. The one exception is the dependency-free " +
        "type of a credential field (core/provider/credential-field.ts), so the form and the API share it.",
      severity: "error",
      from: { path: src("web") },
      to: {
        path: ["^src/", "^simulators/"],
        pathNot: [src("web"), "^src/core/provider/credential-field\\.ts$"],
      },
    },
    {
      name: "web-no-node-builtins",
      comment: "derived: src/web runs in the browser; Node built-ins do not exist there.",
      severity: "error",
      from: { path: src("web") },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "server-does-not-import-web",
      comment: "derived: the server serves the built page (dist/web) as files; it never imports its sources.",
      severity: "error",
      from: { path: "^src/", pathNot: src("web") },
      to: { path: src("web") },
    },

    // Providers.
    {
      name: "provider-not-other-provider",
      comment:
        "A provider folder never imports another provider's folder (nor the registry that lists them).",
      severity: "error",
      from: { path: "^src/providers/([^/]+)/" },
      to: { path: "^src/providers/", pathNot: "^src/providers/$1/" },
    },
    {
      name: "providers-through-registry",
      comment:
        "Outside src/providers/, a provider folder is reached only through the registry src/providers/index.ts " +
        "(no provider names outside their folder).",
      severity: "error",
      from: { path: "^src/", pathNot: ["^src/providers/", ...testCode] },
      to: { path: "^src/providers/[^/]+/" },
    },

    // Simulators and tests.
    {
      name: "simulators-stand-alone",
      comment: "simulators/ import nothing from src/: they mimic the provider, not Roster.",
      severity: "error",
      from: { path: "^simulators/" },
      to: { path: "^src/" },
    },
    {
      name: "src-not-simulators",
      comment:
        "src/ never imports simulators/ (tests, the demo and benchmarks do). Only the cli's `simulate` command " +
        "loads them, lazily (a dynamic import).",
      severity: "error",
      from: { path: "^src/", pathNot: testCode },
      to: { path: "^simulators/", dynamic: false },
    },
    {
      name: "src-simulators-only-from-cli",
      comment: "The one lazy (dynamic) import of simulators/ from src/ is the cli's `simulate` command.",
      severity: "error",
      from: { path: "^src/", pathNot: [src("cli"), ...testCode] },
      to: { path: "^simulators/", dynamic: true },
    },
    {
      name: "production-not-test-code",
      comment: "Production code never imports test code (test/, *.test.ts, test-helpers.ts, fixtures/).",
      severity: "error",
      from: { path: ["^src/", "^simulators/"], pathNot: testCode },
      to: { path: testCode },
    },
    // The typed client and the examples.
    {
      name: "client-stand-alone",
      comment:
        "clients/typescript/src is a package of its own: it imports its own files, openapi-fetch and " +
        "standardwebhooks, never Roster's code (its types come from the generated OpenAPI schema).",
      severity: "error",
      from: { path: "^clients/typescript/src/" },
      to: { pathNot: ["^clients/typescript/src/", "node_modules/(openapi-fetch|standardwebhooks)/"] },
    },
    {
      name: "examples-through-client",
      comment:
        "examples/ are apps a product could write: they reach Roster through @roster/client over HTTP only, " +
        "never by importing src/, simulators/ or scripts/ (their tests may start a Roster and a simulator).",
      severity: "error",
      from: { path: "^examples/", pathNot: testCode },
      to: { path: ["^src/", "^simulators/", "^scripts/", "^test/"] },
    },
    {
      name: "resolvable-imports",
      comment: "An import the cruiser cannot resolve escapes every rule above; it must resolve.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true, pathNot: "\\.css$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Type-only imports are dependencies too: a type from another layer couples the layers just the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    skipAnalysisNotInRules: true,
    // A built client (clients/typescript/dist, for products) is output, like the root dist/.
    exclude: { path: ["^dist/", "^node_modules/", "^clients/typescript/dist/"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
