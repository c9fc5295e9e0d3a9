import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The editors' console (web/) is built once before the tests that open it in Chromium.
    globalSetup: ["test/support/build-web.ts"],
    // Two cores: two workers, each test file with its own database (test/support/database.ts).
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 30_000,
    reporters: ["default"],
  },
});
