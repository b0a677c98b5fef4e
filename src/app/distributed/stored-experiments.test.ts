import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { testPostgresUrl } from "../../../test/support/test-postgres.ts";
import { HaggleError } from "../../domain/errors.ts";
import { openPostgresStore } from "../../store/postgres-store.ts";
import type { ExperimentRecord } from "../experiment.ts";
import { EXPERIMENT_DOC } from "./arm-job.ts";
import { fetchStoredExperiment, listStoredExperiments } from "./stored-experiments.ts";

// Finding a distributed experiment in the database by schema or name. Its arms' documents and their
// copies are tested end to end in test/workers.e2e.test.ts.
const url = testPostgresUrl();
const root = mkdtempSync(join(tmpdir(), "haggle-stored-"));
const schemas: string[] = [];
// A name no other test uses, so the lookups by name see these two experiments only.
const name = `stored-${randomBytes(4).toString("hex")}`;

async function record(createdAt: string): Promise<string> {
  const schema = `hx_${randomBytes(5).toString("hex")}`;
  schemas.push(schema);
  const experiment = {
    name,
    seed: 3,
    createdAt,
    configDir: "/nowhere",
    participants: [],
    config: {},
    // An arm whose worker has not started: its schema does not exist yet.
    arms: [
      { id: "a", arm: "a", repetition: 1, dir: "arms/a", seed: 1, status: "pending", schema: `${schema}_a0` },
    ],
    distributed: { schema, queue: "q" },
  } as unknown as ExperimentRecord;
  const store = await openPostgresStore(url!, { schema, maxConnections: 1 });
  await store.putDocument(schema, EXPERIMENT_DOC, experiment);
  await store.close();
  return schema;
}

afterAll(async () => {
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(!url)("distributed experiments read from the database", () => {
  it("finds one by schema, refuses an ambiguous name, and names what there is when nothing matches", async () => {
    const older = await record("2026-12-01T10:00:00.000Z");
    const newer = await record("2026-12-02T10:00:00.000Z");
    // A worker's store makes its schema before its tables: an arm caught in between has no run yet.
    schemas.push(`${older}_a0`);
    const client = new pg.Client({ connectionString: url! });
    await client.connect();
    await client.query(`CREATE SCHEMA ${older}_a0`);
    await client.end();
    const listed = (await listStoredExperiments(url!)).filter((e) => e.name === name);
    expect(listed.map((e) => [e.schema, e.arms, e.finished])).toEqual([
      [newer, 1, 0],
      [older, 1, 0],
    ]);

    const fetched = await fetchStoredExperiment(url!, older, join(root, "older"));
    expect(fetched).toMatchObject({ schema: older, finished: 0, dir: join(root, "older") });
    const written = JSON.parse(readFileSync(join(root, "older", "experiment.json"), "utf8"));
    expect(written.arms[0].status).toBe("pending");
    expect(written.distributed.schema).toBe(older);

    const ambiguous = await fetchStoredExperiment(url!, name, join(root, "x")).catch((e: unknown) => e);
    expect(HaggleError.isInstance(ambiguous) && ambiguous.code).toBe("experiment/ambiguous");
    expect(String(ambiguous)).toContain(older);
    expect(String(ambiguous)).toContain(newer);

    const missing = await fetchStoredExperiment(url!, `${name}-typo`).catch((e: unknown) => e);
    expect(HaggleError.isInstance(missing) && missing.kind).toBe("not-found");
    expect(String(missing)).toContain(`name one of`);

    // A folder that holds another experiment is not written over.
    const taken = await fetchStoredExperiment(url!, newer, join(root, "older")).catch((e: unknown) => e);
    expect(HaggleError.isInstance(taken) && taken.code).toBe("experiment/folder-taken");
  });
});
