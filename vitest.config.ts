import { defineConfig } from "vitest/config";

/**
 * Test files that use PostgreSQL (through `testPostgresUrl()`): they run in their own project, whose
 * global setup finds the database or starts one of their own, and only when one of them is selected.
 */
const PG_TESTS = [
  "src/store/postgres-store.test.ts",
  "src/app/run-market.test.ts",
  "test/run-store.e2e.test.ts",
  "test/serve-postgres.e2e.test.ts",
  "test/workers.e2e.test.ts",
  "src/app/distributed.property.test.ts",
  "test/turn-workers.e2e.test.ts",
  "src/app/distributed/stored-experiments.test.ts",
];

export default defineConfig({
  test: {
    testTimeout: 180_000,
    hookTimeout: 60_000,
    // A browser page's answer to a click can take over the 1 s default on a loaded 2-core CI machine.
    expect: { poll: { timeout: 10_000 } },
    projects: [
      {
        extends: true,
        test: { name: "default", include: ["src/**/*.test.ts", "test/**/*.test.ts"], exclude: PG_TESTS },
      },
      {
        extends: true,
        test: { name: "postgres", include: PG_TESTS, globalSetup: ["test/support/postgres-setup.ts"] },
      },
    ],
  },
});
