import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type pg from "pg";
import type { RunRecord } from "../../runner/run-folder.ts";
import { maskUrl } from "../../store/database-url.ts";
import { toOpenError } from "../../store/postgres-store.ts";
import {
  ExperimentError,
  type ExperimentRecord,
  readExperimentRecord,
  writeExperimentRecord,
} from "../experiment.ts";
import { EXPERIMENT_DOC } from "./arm-job.ts";
import { materialiseArm } from "./materialise-arm.ts";

/**
 * Distributed experiments as the database holds them, without the coordinator's folder: each one's
 * record in its schema `hx_<id>`, each arm's log and finished documents in `hx_<id>_a<n>`. A worker
 * marks an arm finished only once its documents are all written (arm-attempt.ts), so an arm counts as
 * finished here exactly when the coordinator would materialise it.
 */

/** An experiment schema, as `experiment run --distributed` names it (coordinator.ts). */
export const EXPERIMENT_SCHEMA = /^hx_[0-9a-f]{10}$/;
const ARM_SCHEMA = /^hx_[0-9a-f]{10}_a[0-9]+$/;

export interface StoredExperiment {
  schema: string;
  name: string;
  createdAt: string;
  queue: string;
  arms: number;
  /** Arms whose worker finished them and left their documents. */
  finished: number;
}

async function connect(db: string): Promise<pg.Client> {
  const { default: pgModule } = await import("pg");
  const client = new pgModule.Client({ connectionString: db });
  await client.connect().catch((error: unknown) => {
    throw toOpenError(error, db, { embedded: false });
  });
  return client;
}

/**
 * The documents of `schema` named `name` (of run `runId` if given). None when the schema or its table
 * is not there: an arm whose worker has not started, one whose store is being created at this moment
 * (the schema comes before its tables), or an experiment dropped while the list was read.
 */
async function documents<T>(client: pg.Client, schema: string, name: string, runId?: string) {
  try {
    const rows = await client.query<{ run_id: string; body: T }>(
      `SELECT run_id, body FROM "${schema}".documents WHERE name = $1 AND ($2::text IS NULL OR run_id = $2)`,
      [name, runId ?? null],
    );
    return rows.rows;
  } catch (error) {
    // undefined_table, invalid_schema_name
    const code = (error as { code?: string }).code;
    if (code === "42P01" || code === "3F000") return [];
    throw error;
  }
}

async function recordIn(client: pg.Client, schema: string): Promise<ExperimentRecord | undefined> {
  // Only names that match EXPERIMENT_SCHEMA get here: plain identifiers.
  return (await documents<ExperimentRecord>(client, schema, EXPERIMENT_DOC, schema))[0]?.body;
}

/**
 * The runs a worker started for the arms of `record`, by arm id: the run's id, and whether it finished.
 * An arm's schema holds that arm's run only; its id is the one the coordinator gave the job (from its
 * own folder's name), which this machine could not derive.
 */
async function armRuns(
  client: pg.Client,
  record: ExperimentRecord,
): Promise<Map<string, { runId: string; finished: boolean }>> {
  const runs = new Map<string, { runId: string; finished: boolean }>();
  for (const arm of record.arms) {
    // Only the names the coordinator gives (`<schema>_a<n>`) go into the query's text.
    if (!arm.schema || !ARM_SCHEMA.test(arm.schema)) continue;
    const rows = await documents<RunRecord>(client, arm.schema, "run-record");
    const row = rows.find((candidate) => candidate.body.status === "finished") ?? rows[0];
    if (row) runs.set(arm.id, { runId: row.run_id, finished: row.body.status === "finished" });
  }
  return runs;
}

function finishedCount(runs: Map<string, { finished: boolean }>): number {
  return [...runs.values()].filter((run) => run.finished).length;
}

/** Every distributed experiment recorded in the database, newest first. */
export async function listStoredExperiments(db: string): Promise<StoredExperiment[]> {
  const client = await connect(db);
  try {
    return await listWith(client);
  } finally {
    await client.end();
  }
}

async function listWith(client: pg.Client): Promise<StoredExperiment[]> {
  return (await storedWith(client)).map((stored) => stored.summary);
}

interface Stored {
  summary: StoredExperiment;
  record: ExperimentRecord;
  runs: Map<string, { runId: string; finished: boolean }>;
}

/** Each experiment recorded, newest first: what is listed of it, its record, and its arms' runs. */
async function storedWith(client: pg.Client): Promise<Stored[]> {
  const schemas = await client.query<{ nspname: string }>(
    "SELECT nspname FROM pg_namespace WHERE nspname ~ $1 ORDER BY nspname",
    [EXPERIMENT_SCHEMA.source],
  );
  const found: Stored[] = [];
  for (const { nspname: schema } of schemas.rows) {
    const record = await recordIn(client, schema);
    if (!record) continue;
    const runs = await armRuns(client, record);
    const summary = {
      schema,
      name: record.name,
      createdAt: record.createdAt,
      queue: record.distributed?.queue ?? "",
      arms: record.arms.length,
      finished: finishedCount(runs),
    };
    found.push({ summary, record, runs });
  }
  return found.sort((a, b) => b.summary.createdAt.localeCompare(a.summary.createdAt));
}

export interface FetchedExperiment {
  dir: string;
  schema: string;
  record: ExperimentRecord;
  finished: number;
}

/**
 * Writes the experiment folder of a distributed experiment from the database alone, on any machine
 * that reaches it: experiment.json and a run folder per finished arm (run.json, summary.json,
 * records.json, memos), as the coordinator writes them, so `haggle analyze` reads it as any experiment.
 * `which` is the experiment's schema (`hx_...`) or its name, when one experiment has that name; `out`
 * the folder (default runs/<name>-<schema>; fetching again into it brings what finished since).
 * Arms not finished yet are recorded as the coordinator last recorded them (pending or failed), and
 * the analysis leaves them out. `experiment run --distributed --out <the folder>` goes on with the
 * experiment from there: it waits for the arms' jobs still queued and queues again those that failed.
 */
export async function fetchStoredExperiment(
  db: string,
  which: string,
  out?: string,
): Promise<FetchedExperiment> {
  const client = await connect(db);
  try {
    const { summary, record, runs } = await resolveStored(client, db, which);
    const { schema } = summary;
    const dir = resolve(out ?? join("runs", `${record.name}-${schema}`));
    const there = existsSync(join(dir, "experiment.json")) ? await readExperimentRecord(dir) : undefined;
    if (there && there.distributed?.schema !== schema) {
      throw new ExperimentError(
        `${dir} holds another experiment (${there.name}${there.distributed ? `, ${there.distributed.schema}` : ""}): choose another folder with --out`,
        { kind: "conflict", code: "experiment/folder-taken" },
      );
    }
    for (const arm of record.arms) {
      const run = runs.get(arm.id);
      // The copy keeps the runs' ids, so its run.json files name the markets in the arms' schemas, and
      // `experiment run --distributed --out <this folder>` goes on with the same runs.
      if (run) arm.runId = run.runId;
      if (!run?.finished) {
        // Failed for good, or not finished yet: the coordinator run on this folder asks the queue.
        if (arm.status === "finished") arm.status = "pending";
        continue;
      }
      await materialiseArm(dir, record, arm, db, run.runId);
      arm.status = "finished";
    }
    await writeExperimentRecord(dir, record);
    return { dir, schema, record, finished: finishedCount(runs) };
  } finally {
    await client.end();
  }
}

async function resolveStored(client: pg.Client, db: string, which: string): Promise<Stored> {
  const all = await storedWith(client);
  const named = all.filter(({ summary }) => summary.schema === which || summary.name === which);
  if (named.length === 1) return named[0]!;
  const listing = (list: Stored[]) =>
    list
      .map(
        ({ summary: e }) => `${e.schema} (${e.name}, ${e.createdAt}, ${e.finished}/${e.arms} arms finished)`,
      )
      .join("; ");
  if (named.length > 1) {
    throw new ExperimentError(
      `${named.length} experiments named ${which} are recorded in ${maskUrl(db)}: name one by its schema: ${listing(named)}`,
      { kind: "bad-input", code: "experiment/ambiguous" },
    );
  }
  throw new ExperimentError(
    `no experiment ${which} is recorded in ${maskUrl(db)}: ` +
      (all.length > 0
        ? `name one of ${listing(all)}`
        : "none is; run one with experiment run --distributed --db on this database"),
    { kind: "not-found", code: "experiment/not-found" },
  );
}
