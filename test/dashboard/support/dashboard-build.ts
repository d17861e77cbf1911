import { ensurePageBuild } from "../../web/support/page-build.ts";

/** Builds the dashboard (dist/dashboard) when it is missing or stale; see ensurePageBuild. */
export function ensureDashboardBuild(): Promise<void> {
  return ensurePageBuild({
    builtPage: "dist/dashboard/index.html",
    sources: "src/web/dashboard",
    viteArgs: ["--mode", "dashboard"],
  });
}
