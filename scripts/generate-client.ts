/**
 * `npm run generate:client`: regenerates the typed client's generated files (clients/typescript/src/generated)
 * from the OpenAPI document and catalogs of this checkout. Run it after any change to a route's schema.
 */
import fs from "node:fs";
import path from "node:path";
import { renderClientFiles } from "./client-codegen.ts";

const root = path.resolve(import.meta.dirname, "..");
for (const [file, content] of Object.entries(await renderClientFiles())) {
  const target = path.join(root, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const before = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : null;
  fs.writeFileSync(target, content);
  console.log(`${before === content ? "unchanged" : "written  "} ${file}`);
}
