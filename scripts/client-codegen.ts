/**
 * The typed client's generated part, rendered from Roster's own sources: `schema.ts` from the OpenAPI document
 * (openapi-typescript), `catalog.ts` from the error catalog and the webhook event types. Used by
 * `npm run generate:client` (which writes the files) and by test/client/generated.test.ts (which compares them
 * with the committed ones), so both always render the same way.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from "openapi-typescript";
import { loadConfig } from "../src/config.ts";
import { errorCatalog } from "../src/core/errors.ts";
import { createLogger } from "../src/logger.ts";
import { createRoster } from "../src/main.ts";
import { EVENT_TYPES, TEST_EVENT_TYPE } from "../src/webhooks/event-types.ts";

/** Folder of the generated files, relative to the repository root. */
export const GENERATED_DIR = "clients/typescript/src/generated";

const REGENERATE =
  " * Regenerate with `npm run generate:client`; a test fails while this file differs from a fresh generation.\n";

/**
 * The OpenAPI document exactly as `GET /openapi.json` serves it, built in-process: a Roster on a throw-away
 * SQLite file with jobs off and nothing listening. Its content depends on the routes' schemas only.
 */
export async function buildOpenApiDocument(): Promise<OpenAPI3> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-openapi-"));
  try {
    const config = loadConfig({ ROSTER_DATA_DIR: dataDir, ROSTER_JOBS: "off", LOG_LEVEL: "silent" });
    const roster = await createRoster(config, createLogger("silent"));
    try {
      const response = await roster.app.inject({ url: "/openapi.json" });
      if (response.statusCode !== 200) throw new Error(`/openapi.json answered ${response.statusCode}`);
      return response.json() as OpenAPI3;
    } finally {
      await roster.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `paths`, `components` and `operations` types of the document (openapi-typescript's own rendering). */
export async function renderSchema(document: OpenAPI3): Promise<string> {
  const ast = await openapiTS(document);
  return COMMENT_HEADER.replace(" */", `${REGENERATE} */`) + astToString(ast);
}

/** The error codes and webhook event types Roster can send, as constants and union types. */
export function renderCatalog(): string {
  const list = (values: readonly string[]) => values.map((v) => `  ${JSON.stringify(v)},`).join("\n");
  return `/**
 * Generated from Roster's error catalog and webhook event types; do not edit.
${REGENERATE} */

/** Every \`code\` Roster's error shape can carry. */
export const ERROR_CODES = [
${list(Object.keys(errorCatalog))}
] as const;

/** Every event type a webhook endpoint can subscribe to. */
export const EVENT_TYPES = [
${list(EVENT_TYPES)}
] as const;

/** Sent only by \`POST /webhook/{id}/test\`, to that endpoint, whatever it subscribed to. */
export const TEST_EVENT_TYPE = ${JSON.stringify(TEST_EVENT_TYPE)};
`;
}

/** Every generated file: its path relative to the repository root, and its content. */
export async function renderClientFiles(): Promise<Record<string, string>> {
  return {
    [`${GENERATED_DIR}/schema.ts`]: await renderSchema(await buildOpenApiDocument()),
    [`${GENERATED_DIR}/catalog.ts`]: renderCatalog(),
  };
}
