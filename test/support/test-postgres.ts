import { inject } from "vitest";

/**
 * The PostgreSQL URL for a test, from the "postgres" project's global setup (`postgres-setup.ts`), or
 * undefined when the PostgreSQL tests skip. A test file using it must be listed in `PG_TESTS` in
 * vitest.config.ts.
 */
export function testPostgresUrl(): string | undefined {
  const provided = inject("haggleTestPg");
  if (!provided) {
    throw new Error("no PostgreSQL was set up for this test file: add it to PG_TESTS in vitest.config.ts");
  }
  return "url" in provided ? provided.url : undefined;
}
