import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Roster's icon inline in each page's head (a data: URI, so the page asks no server for it), from the one file
 * the server's /favicon.ico also answers with.
 */
function inlineFavicon(): Plugin {
  return {
    name: "roster-inline-favicon",
    transformIndexHtml() {
      const svg = fs.readFileSync(here("src/web/shared/favicon.svg"), "utf8").trim();
      const href = `data:image/svg+xml,${encodeURIComponent(svg)}`;
      return [{ tag: "link", attrs: { rel: "icon", type: "image/svg+xml", href }, injectTo: "head" }];
    },
  };
}

/**
 * The hosted connect page. Roster serves `dist/web/index.html` at `/link/<token>` and `dist/web/assets/*` at
 * `/link/assets/*`, hence `base: "/link/"`. The dev server (`npx vite`, then open /link/<token>) proxies
 * the API calls to a running Roster (ROSTER_URL, default http://127.0.0.1:3000), so the page can be worked on with live reload.
 */
const connectPage = defineConfig({
  root: here("src/web/connect"),
  base: "/link/",
  plugins: [inlineFavicon()],
  // No public/ folder: every asset is imported by the page and fingerprinted.
  publicDir: false,
  oxc: { jsx: { runtime: "automatic" } },
  build: {
    outDir: here("dist/web"),
    assetsDir: "assets",
    // dist/web holds nothing but this build; emptying it keeps stale fingerprinted files from piling up.
    emptyOutDir: true,
    target: "es2022",
  },
  server: {
    proxy: {
      "/link-token": process.env.ROSTER_URL ?? "http://127.0.0.1:3000",
      "/sdk": process.env.ROSTER_URL ?? "http://127.0.0.1:3000",
    },
  },
});

/**
 * The operator's dashboard, a second page built by `vite build --mode dashboard` (`npm run build:web` builds
 * both) into dist/dashboard, which Roster serves at `/dashboard` and `/dashboard/assets/*`. Dev server:
 * `npx vite --mode dashboard`, then open /dashboard/ (API calls are proxied to ROSTER_URL).
 */
const dashboardPage = defineConfig({
  root: here("src/web/dashboard"),
  base: "/dashboard/",
  plugins: [inlineFavicon()],
  publicDir: false,
  oxc: { jsx: { runtime: "automatic" } },
  build: { outDir: here("dist/dashboard"), assetsDir: "assets", emptyOutDir: true, target: "es2022" },
  server: {
    proxy: Object.fromEntries(
      ["/integrated-account", "/sync-job", "/link-token", "/unified", "/search", "/event", "/webhook"].map(
        (path) => [path, process.env.ROSTER_URL ?? "http://127.0.0.1:3000"],
      ),
    ),
  },
});

export default defineConfig(({ mode }) => (mode === "dashboard" ? dashboardPage : connectPage));
