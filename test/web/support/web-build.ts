import { ensurePageBuild } from "./page-build.ts";

/** Builds the connect page (dist/web) when it is missing or stale; see ensurePageBuild. */
export function ensureWebBuild(): Promise<void> {
  // The connect page only: rebuilding the dashboard too would empty dist/dashboard under its running tests.
  return ensurePageBuild({ builtPage: "dist/web/index.html", sources: "src/web/connect", viteArgs: [] });
}
