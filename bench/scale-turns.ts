/**
 * The turns half of bench:scale: one market of model agents whose turns go to 1, 2 and 4 `haggle
 * worker` processes (`haggle run --turn-workers`), against PostgreSQL, and the same market with its
 * turns in its own process. The model is the scripted negotiator behind a loopback OpenAI-compatible
 * server answering after a fixed delay. Each worker takes `turnJobs` turns at once (what one machine's
 * share of a provider's rate limit allows, say): a window's turns beyond that wait for a free worker,
 * which is what more workers add.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { startSlowNegotiator } from "../src/agents/llm/testing/negotiator-chat.ts";
import { dropQueue } from "../src/app/distributed.ts";
import { runLogHash } from "../src/app/log-hash.ts";
import { startWorkers, workersExited } from "./scale-support.ts";

export interface TurnsPartOptions {
  db: string;
  participants: number;
  days: number;
  delayMs: number;
  /** The market's turn window, as the config writes it ("30m"). */
  window: string;
  workerCounts: number[];
  /** Turns one worker takes at once. */
  turnJobs: number;
  seed: number;
  log: (line: string) => void;
}

export interface TurnsRow {
  /** "in-process" or the number of workers. */
  setting: string;
  workers: number;
  /** The market's time in its process, from opening its log to its close (the run's wallMs). */
  seconds: number;
  modelCalls: number;
  turnJobs: number;
  deals: number;
  events: number;
  /** Turns each worker answered. */
  perWorker: number[];
  /** Turn jobs in each window (runs on workers). */
  windowTurns?: number[];
  logHash: string;
}

const CLI = join(import.meta.dirname, "..", "bin", "haggle.js");

function collect(child: ChildProcess, stream: "stdout" | "stderr"): () => string {
  let text = "";
  child[stream]?.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  return () => text;
}

export async function runTurnsPart(options: TurnsPartOptions): Promise<{ rows: TurnsRow[] }> {
  const root = mkdtempSync(join(tmpdir(), "haggle-bench-turns-"));
  const server = await startSlowNegotiator(options.delayMs);
  const config = join(root, "market.yaml");
  writeFileSync(
    config,
    [
      "name: bench-turns",
      `seed: ${options.seed}`,
      `days: ${options.days}`,
      `turnWindow: ${options.window}`,
      "population:",
      "  generate:",
      `    participants: ${options.participants}`,
      "agents: { all: llm:openai-compatible:scripted }",
      // The in-process market may have as many model calls in flight as the most workers take.
      `llm: { maxCalls: 100000, concurrency: ${options.turnJobs * Math.max(...options.workerCounts)} }`,
    ].join("\n"),
  );
  const env = { ...process.env, HAGGLE_OPENAI_COMPATIBLE_URL: server.url, HAGGLE_DB: "" };
  const queues: string[] = [];
  const runs: string[] = [];
  const rows: TurnsRow[] = [];
  const children: ChildProcess[] = [];
  const market = async (setting: string, count: number, extra: string[]): Promise<TurnsRow> => {
    // By position: a setting may run twice (--worker-counts 4,4).
    const name = `bench-turns-${process.pid}-${runs.length}`;
    const dir = join(root, name);
    runs.push(name);
    const callsBefore = server.requests.length;
    const child = spawn(
      process.execPath,
      [CLI, "run", "--config", config, "--out", dir, "--db", options.db, "--json", ...extra],
      { env, stdio: ["ignore", "pipe", "pipe"] },
    );
    children.push(child);
    const stdout = collect(child, "stdout");
    const stderr = collect(child, "stderr");
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    if (code !== 0)
      throw new Error(`the market (${setting}) failed (exit ${code}): ${stderr().slice(-2000)}`);
    const outcome = JSON.parse(stdout()) as { wallMs: number; events: number; summary: { deals: number } };
    return {
      setting,
      workers: count,
      seconds: outcome.wallMs / 1000,
      modelCalls: server.requests.length - callsBefore,
      turnJobs: 0,
      deals: outcome.summary.deals,
      events: outcome.events,
      perWorker: [],
      logHash: (await runLogHash(dir, options.db)).hash.slice(0, 16),
    };
  };
  try {
    options.log("in-process");
    rows.push(await market("in-process", 0, []));
    for (const [index, count] of options.workerCounts.entries()) {
      const queue = `bench_turns_${process.pid}_${index}`;
      queues.push(queue, `${queue}_arms`);
      const workers = await startWorkers(
        count,
        [
          "--db",
          options.db,
          "--queue",
          `${queue}_arms`,
          "--jobs",
          "0",
          "--turn-queue",
          queue,
          "--turn-jobs",
          String(options.turnJobs),
        ],
        env,
        /waiting for/,
      );
      children.push(...workers.map((worker) => worker.child));
      options.log(`${count} worker(s)`);
      const row = await market(`${count}-workers`, count, ["--turn-workers", "--turn-queue", queue]);
      const client = new pg.Client({ connectionString: options.db });
      await client.connect();
      // Turns per window: a window's turns beyond what the workers take at once wait for a free one.
      const windows = await client.query<{ n: string }>(
        "SELECT count(*) AS n FROM pgboss.job WHERE name = $1 GROUP BY data->>'window'",
        [queue],
      );
      await client.end();
      row.windowTurns = windows.rows.map((window) => Number(window.n));
      row.turnJobs = row.windowTurns.reduce((sum, n) => sum + n, 0);
      for (const worker of workers) worker.child.kill("SIGTERM");
      await workersExited(workers);
      row.perWorker = workers.map((worker) => Number(/(\d+) turn\(s\)/.exec(worker.log())?.[1] ?? 0));
      rows.push(row);
    }
  } finally {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await server.close();
    for (const queue of queues) await dropQueue(options.db, queue);
    const client = new pg.Client({ connectionString: options.db });
    await client.connect();
    for (const run of runs) {
      await client.query("DELETE FROM markets WHERE market_id = $1", [run]).catch(() => {});
      await client.query("DELETE FROM documents WHERE run_id = $1", [run]).catch(() => {});
    }
    await client.end();
    rmSync(root, { recursive: true, force: true });
  }
  return { rows };
}
