import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (the folder holding package.json), from the sources (src/...) and the build (dist/src/...) alike. */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** Roster's version, from its package.json (the CLI's `--version` and the OpenAPI document's `info.version`). */
export function rosterVersion(): string {
  const { version } = JSON.parse(fs.readFileSync(path.join(projectRoot(), "package.json"), "utf8")) as {
    version: string;
  };
  return version;
}
