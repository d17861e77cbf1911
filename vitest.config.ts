import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // The examples import the typed client by its package name, as a product would (tsconfig.json maps it too).
    alias: {
      "@roster/client": fileURLToPath(new URL("./clients/typescript/src/index.ts", import.meta.url)),
    },
  },
  test: {
    include: [
      "src/**/*.test.ts",
      "simulators/**/*.test.ts",
      "test/**/*.test.ts",
      "clients/**/*.test.ts",
      "examples/**/*.test.ts",
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
