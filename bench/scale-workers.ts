/**
 * The worker half of bench:scale: one experiment of model-agent arms run by 1, 2 and 4 `haggle worker`
 * processes, against PostgreSQL. The model is a scripted negotiator behind a loopback
 * OpenAI-compatible server that answers after a fixed delay, so an arm's time is mostly waiting for
 * its model (one turn at a time): workers add throughput even on a 2-core machine.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { startSlowNegotiator } from "../src/agents/llm/testing/negotiator-chat.ts";
import { dropQueue } from "../src/app/distributed.ts";
import { runLogHash } from "../src/app/log-hash.ts";
import { startWorkers, workersExited } from "./scale-support.ts";

export interface WorkersPartOptions {
  db: string;
  arms: number;
  participants: number;
  days: number;
  delayMs: number;
  workerCounts: number[];
  seed: number;
  log: (line: string) => void;
}

export interface WorkersRow {
  workers: number;
  seconds: number;
  modelCalls: number;
  deals: number;
  /** Arms each worker ran. */
  perWorker: number[];
  /** Each worker's arms' seconds, as its log gives them, in the order it ran them. */
  armSeconds: number[][];
  /** A hash over every arm's log hash, so runs compare at a glance. */
  logsHash: string;
}

const CLI = join(import.meta.dirname, "..", "bin", "haggle.js");

export async function runWorkersPart(options: WorkersPartOptions): Promise<{ rows: WorkersRow[] }> {
  const root = mkdtempSync(join(tmpdir(), "haggle-bench-workers-"));
  const server = await startSlowNegotiator(options.delayMs);
  const config = join(root, "arms.yaml");
  writeFileSync(
    config,
    [
      "name: bench-workers",
      `seed: ${options.seed}`,
      `repetitions: ${options.arms / 2}`,
      `days: ${options.days}`,
      "population:",
      "  generate:",
      `    participants: ${options.participants}`,
      "    itemsPerPerson: [2, 2]",
      "    wantsPerPerson: [2, 2]",
      // Every arm the same market (its own seed): arms of one length keep the workers evenly loaded.
      "arms:",
      "  - name: a",
      "    agents: { all: llm:openai-compatible:scripted }",
      "  - name: b",
      "    agents: { all: llm:openai-compatible:scripted }",
      "reference: llm:openai-compatible:scripted",
      "llm: { maxCalls: 100000 }",
    ].join("\n"),
  );
  const env = { ...process.env, HAGGLE_OPENAI_COMPATIBLE_URL: server.url, HAGGLE_DB: "" };
  const queues: string[] = [];
  const schemas: string[] = [];
  const rows: WorkersRow[] = [];
  const children: ChildProcess[] = [];
  try {
    for (const [index, count] of options.workerCounts.entries()) {
      // By position: --worker-counts 4,4 runs twice on 4 workers, each on its own queue.
      const queue = `bench_workers_${process.pid}_${index}`;
      queues.push(queue);
      // Timed from when every worker waits for arms: their start-up is not the experiment's.
      const workers = await startWorkers(
        count,
        ["--db", options.db, "--queue", queue, "--turn-jobs", "0"],
        env,
        /waiting for arms/,
      );
      children.push(...workers.map((worker) => worker.child));
      const callsBefore = server.requests.length;
      const out = join(root, `workers-${index}`);
      const started = performance.now();
      const coordinator = spawn(
        process.execPath,
        [
          CLI,
          "experiment",
          "run",
          config,
          "--db",
          options.db,
          "--distributed",
          "--queue",
          queue,
          "--out",
          out,
          "--json",
        ],
        { env, stdio: ["ignore", "pipe", "pipe"] },
      );
      children.push(coordinator);
      let stdout = "";
      let stderr = "";
      coordinator.stdout?.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      coordinator.stderr?.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        const lines = stderr.trim().split("\n");
        options.log(`${count} worker(s): ${lines[lines.length - 1]}`);
      });
      const code = await new Promise<number | null>((resolve) => coordinator.once("exit", resolve));
      const wall = (performance.now() - started) / 1000;
      for (const worker of workers) worker.child.kill("SIGTERM");
      if (code !== 0)
        throw new Error(`the experiment on ${count} worker(s) failed (exit ${code}): ${stderr.slice(-2000)}`);
      const result = JSON.parse(stdout) as {
        runSeconds: number;
        arms: { id: string; dir: string; summary: { deals: number } }[];
      };
      const record = JSON.parse(readFileSync(join(out, "experiment.json"), "utf8")) as {
        distributed: { schema: string };
        arms: { schema: string }[];
      };
      schemas.push(record.distributed.schema, ...record.arms.map((arm) => arm.schema));
      const hashes: string[] = [];
      for (const arm of result.arms) hashes.push((await runLogHash(join(out, arm.dir), options.db)).hash);
      const armSeconds = workers.map((worker) =>
        [...worker.log().matchAll(/: finished in ([\d.]+) s/g)].map((match) => Number(match[1])),
      );
      rows.push({
        workers: count,
        // The arms' time: from queueing to the last arm's run folder, without the analysis after.
        seconds: result.runSeconds ?? wall,
        modelCalls: server.requests.length - callsBefore,
        deals: result.arms.reduce((sum, arm) => sum + arm.summary.deals, 0),
        perWorker: armSeconds.map((seconds) => seconds.length),
        armSeconds,
        logsHash: createHash("sha256").update(hashes.join("\n")).digest("hex").slice(0, 16),
      });
      await workersExited(workers);
    }
  } finally {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await server.close();
    for (const queue of queues) await dropQueue(options.db, queue);
    const client = new pg.Client({ connectionString: options.db });
    await client.connect();
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
    rmSync(root, { recursive: true, force: true });
  }
  return { rows };
}
