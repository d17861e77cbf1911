#!/usr/bin/env node
// The installed command runs the build (dist/, made by `npm run build`, also on install); a checkout
// without a build runs the TypeScript sources through tsx.
import fs from "node:fs";

const built = new URL("../dist/src/cli/main.js", import.meta.url);
if (fs.existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
