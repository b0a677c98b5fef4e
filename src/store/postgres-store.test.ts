import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { testPostgresUrl } from "../../test/support/test-postgres.ts";
import { openPostgresStore } from "./postgres-store.ts";
import { runStoreContract, sampleEvents } from "./store-contract.ts";
import { isStoreError } from "./store-error.ts";

/** The tests' PostgreSQL: see test/support/postgres.ts (HAGGLE_TEST_PG=off skips these tests). */
const testUrl = testPostgresUrl();
const enabled = testUrl !== undefined;
const url = testUrl ?? "";

/** Each suite gets a throwaway schema, dropped when it is done. */
const schemas: string[] = [];
function newSchema(): string {
  const schema = `haggle_test_${Math.random().toString(36).slice(2, 10)}`;
  schemas.push(schema);
  return schema;
}
async function dropSchemas(): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

describe.skipIf(!enabled)("postgres store", () => {
  afterAll(dropSchemas);

  const contractSchema = newSchema();
  runStoreContract("postgres", () => openPostgresStore(url, { schema: contractSchema }), {
    reopen: () => openPostgresStore(url, { schema: contractSchema }),
    openSecond: () => openPostgresStore(url, { schema: contractSchema }),
  });

  it("keeps its tables in the schema it was given", async () => {
    const schema = newSchema();
    const store = await openPostgresStore(url, { schema });
    await store.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name",
      [schema],
    );
    await client.end();
    expect(rows.map((row) => row.table_name)).toEqual([
      "documents",
      "events",
      "haggle_migrations",
      "markets",
    ]);
  });

  it("lets several processes open and migrate a fresh schema at once", async () => {
    const schema = newSchema();
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore(url, { schema })));
    await stores[0]!.createMarket({ marketId: "m", runId: "r", createdAt: 0 });
    await stores[1]!.append("m", sampleEvents(1, 2));
    expect(await stores[2]!.lastSeq("m")).toBe(2);
    await Promise.all(stores.map((store) => store.close()));
  });

  it("refuses a schema name that is not a plain identifier", async () => {
    const error = await openPostgresStore(url, { schema: "x; DROP TABLE y" }).catch(
      (reason: unknown) => reason,
    );
    expect(isStoreError(error, "store/invalid-options")).toBe(true);
  });
});
