import type { Command } from "commander";
import { createAgent } from "../../../agents/registry.ts";
import { DEFAULT_QUEUE, queueStatus, runWorker } from "../../../app/distributed.ts";
import { isPostgresUrl } from "../../../store/database-url.ts";
import { UsageError } from "../errors.ts";
import { emit } from "../output.ts";

function databaseUrl(value: string | undefined): string {
  const db = value ?? process.env.HAGGLE_DB;
  if (!db || !isPostgresUrl(db)) {
    throw new UsageError("--db must be the postgres:// URL of the database the experiments queue arms in");
  }
  return db;
}

async function printStatus(db: string, json: boolean): Promise<void> {
  const status = await queueStatus(db);
  emit(json, status, () => {
    if (status.queues.length === 0)
      return "No queue yet: no distributed experiment has been run on this database.";
    const states = ["created", "retry", "active", "completed", "failed", "cancelled"];
    const lines = [["queue", ...states].join("  ")];
    for (const queue of status.queues) {
      lines.push([queue.name, ...states.map((state) => String(queue.states[state] ?? 0))].join("  "));
    }
    if (status.active.length > 0) {
      lines.push("", "under way:");
      for (const job of status.active) {
        const since = Math.round((Date.now() - new Date(job.startedOn).getTime()) / 1000);
        lines.push(
          `  ${job.arm ?? job.id} (${job.schema ?? "?"}) attempt ${job.retryCount + 1}, renewed ${since} s ago`,
        );
      }
    }
    return lines.join("\n");
  });
}

export function register(program: Command): void {
  program
    .command("worker")
    .description(
      "Run the arms of distributed experiments (experiment run --distributed) queued in PostgreSQL",
    )
    .option("--db <url>", "the PostgreSQL URL the experiments use (default: HAGGLE_DB)")
    .option("--queue <name>", "the queue to take arms from", DEFAULT_QUEUE)
    .option("--jobs <n>", "arms to run at once in this process", "1")
    .option("--scratch <dir>", "where arms keep their run folders while they run (default: a temp folder)")
    .option("--once", "stop when the queue is empty")
    .option("--status", "show the queue (jobs by state, arms under way) and exit")
    .option("--json", "machine-readable output (with --status)")
    .action(
      async (options: {
        db?: string;
        queue: string;
        jobs: string;
        scratch?: string;
        once?: boolean;
        status?: boolean;
        json?: boolean;
      }) => {
        const db = databaseUrl(options.db);
        if (options.status) {
          await printStatus(db, Boolean(options.json));
          return;
        }
        const jobs = Number(options.jobs);
        if (!Number.isInteger(jobs) || jobs < 1) {
          throw new UsageError(`--jobs must be a positive integer, got "${options.jobs}"`);
        }
        const stop = new AbortController();
        const onSignal = () => {
          process.stderr.write("haggle worker: stopping; arms under way go back to the queue\n");
          stop.abort();
        };
        process.once("SIGINT", onSignal);
        process.once("SIGTERM", onSignal);
        await runWorker({
          db,
          queue: options.queue,
          jobs,
          createAgent,
          signal: stop.signal,
          ...(options.scratch ? { scratch: options.scratch } : {}),
          ...(options.once ? { once: true } : {}),
          log: (line) => process.stderr.write(`${new Date().toISOString()} haggle worker: ${line}\n`),
        });
      },
    );

  program
    .command("queue")
    .description("Show the distributed experiments' queue: jobs by state and the arms under way")
    .option("--db <url>", "the PostgreSQL URL (default: HAGGLE_DB)")
    .option("--json", "machine-readable output")
    .action(async (options: { db?: string; json?: boolean }) => {
      await printStatus(databaseUrl(options.db), Boolean(options.json));
    });
}
