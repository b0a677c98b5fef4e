import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { dropQueue } from "../../src/app/distributed.ts";
import { runLogHash } from "../../src/app/log-hash.ts";
import { haggle, repoRoot } from "./haggle-cli.ts";
import { sqlAt } from "./sql.ts";
import { testPostgresUrl } from "./test-postgres.ts";

export { until } from "./until.ts";

// The set-up of the distributed experiments' tests (`haggle worker`, `experiment run --distributed`,
// test/workers.e2e.test.ts): a folder, a six-arm experiment, workers as child processes, and the
// clean-up. Every test uses its own queue and schemas, dropped afterwards.
// The tests' PostgreSQL (test/support/postgres.ts): the local server, or one of their own.
export const url = testPostgresUrl() ?? "";
export const enabled = url !== "";
export const root = mkdtempSync(join(tmpdir(), "haggle-workers-"));
export const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
export const queues: string[] = [];
export const schemas: string[] = [];
export const children: ChildProcess[] = [];

// Six arms: three rules, two repetitions each.
export const config = join(root, "six.yaml");
writeFileSync(
  config,
  [
    "name: six",
    "seed: 7",
    "repetitions: 2",
    "days: 3",
    "population:",
    "  generate:",
    "    participants: 12",
    "arms:",
    "  - name: strong",
    "    agents: { all: engine:strong }",
    "  - name: weak",
    "    agents: { all: engine:weak }",
    "  - name: mixed",
    "    agents: { random: { engine:strong: 1, engine:weak: 1 } }",
  ].join("\n"),
);

/** A run's log hash (in PostgreSQL with `db`). */
export const logHash = async (dir: string, db?: string) => (await runLogHash(dir, db)).hash;

export interface ExperimentJson {
  arms: { id: string; dir: string; status: string; schema?: string }[];
  distributed?: { schema: string; queue: string };
}

export function experimentJson(dir: string): ExperimentJson {
  return JSON.parse(readFileSync(join(dir, "experiment.json"), "utf8")) as ExperimentJson;
}

export async function hashes(dir: string, db?: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const arm of experimentJson(dir).arms) out[arm.id] = await logHash(join(dir, arm.dir), db);
  return out;
}

/** `experiment run <config> --db <url> --distributed --queue <queue> [extra] --out <dir> --json`. */
export function distributedRun(config: string, queue: string, dir: string, extra: string[] = []): string[] {
  return [
    "experiment",
    "run",
    config,
    "--db",
    url,
    "--distributed",
    "--queue",
    queue,
    ...extra,
    "--out",
    dir,
    "--json",
  ];
}

/** Records an experiment's schemas for the clean-up. */
export function forget(dir: string): void {
  const record = experimentJson(dir);
  if (record.distributed) schemas.push(record.distributed.schema);
  for (const arm of record.arms) if (arm.schema) schemas.push(arm.schema);
}

export interface Worker {
  child: ChildProcess;
  log: () => string;
}

export function startWorker(queue: string, env: NodeJS.ProcessEnv = {}): Worker {
  const child = spawn(
    process.execPath,
    [join(repoRoot, "bin/haggle.js"), "worker", "--db", url, "--queue", queue],
    { cwd: repoRoot, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, ...env } },
  );
  children.push(child);
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    log += chunk.toString();
  });
  return { child, log: () => log };
}

export function stop(worker: Worker): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => worker.child.once("exit", () => resolve()));
  worker.child.kill("SIGTERM");
  return exited;
}

export const sql = sqlAt(url);

/** Ends the workers still running, drops the tests' queues and schemas, and removes the folder. */
export async function cleanUp(): Promise<void> {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  if (enabled) {
    for (const queue of queues) await dropQueue(url, queue);
    for (const schema of schemas) await sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  }
  rmSync(root, { recursive: true, force: true });
}

/** The six-arm experiment in one process, each arm's log in PGlite in its own folder: each arm's log hash. */
export async function oneProcessHashes(): Promise<Record<string, string>> {
  const dir = join(root, "one-process");
  const result = await haggle(["experiment", "run", config, "--out", dir, "--jobs", "2", "--json"], {
    env: { HAGGLE_DB: "" },
  });
  expect(result.code, result.stderr).toBe(0);
  const reference = await hashes(dir);
  expect(Object.keys(reference)).toHaveLength(6);
  return reference;
}
