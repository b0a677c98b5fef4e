import type { Command } from "commander";
import { createAgent } from "../../../agents/registry.ts";
import { DEFAULT_TURN_JOBS } from "../../../app/distributed/worker.ts";
import { DEFAULT_QUEUE, listStoredExperiments, queueStatus, runWorker } from "../../../app/distributed.ts";
import { DEFAULT_TURN_QUEUE } from "../../../app/turn-workers/queue-transport.ts";
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
  const experiments = await listStoredExperiments(db);
  emit(json, { ...status, experiments }, () => {
    if (status.queues.length === 0 && experiments.length === 0)
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
          `  ${job.arm ? `${job.arm} (${job.schema ?? "?"})` : job.who ? `turn of ${job.who} in ${job.runId}` : job.id} attempt ${job.retryCount + 1}, renewed ${since} s ago`,
        );
      }
    }
    if (experiments.length > 0) {
      lines.push("", "experiments (haggle analyze <schema> --db ... reads one from here):");
      for (const experiment of experiments) {
        lines.push(
          `  ${experiment.schema}  ${experiment.name}  ${experiment.finished}/${experiment.arms} arms finished  started ${experiment.createdAt.replace("T", " ").slice(0, 16)} UTC`,
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
      "Run the arms of distributed experiments (experiment run --distributed) and the turns of markets run with --turn-workers, queued in PostgreSQL",
    )
    .option("--db <url>", "the PostgreSQL URL the experiments use (default: HAGGLE_DB)")
    .option("--queue <name>", "the queue to take arms from", DEFAULT_QUEUE)
    .option("--jobs <n>", "arms to run at once in this process (0: no arms)", "1")
    .option("--turn-queue <name>", "the queue to take markets' turns from", DEFAULT_TURN_QUEUE)
    .option(
      "--turn-jobs <n>",
      "turns to take at once in this process (0: no turns)",
      String(DEFAULT_TURN_JOBS),
    )
    .option("--model-concurrency <n>", "model calls in flight per provider for this process's turns", "8")
    .option("--scratch <dir>", "where arms keep their run folders while they run (default: a temp folder)")
    .option("--once", "stop when the queue is empty")
    .option("--status", "show the queue (jobs by state, arms under way) and exit")
    .option("--json", "machine-readable output (with --status)")
    .action(
      async (options: {
        db?: string;
        queue: string;
        jobs: string;
        turnQueue: string;
        turnJobs: string;
        modelConcurrency: string;
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
        const count = (flag: string, value: string, least: number) => {
          const n = Number(value);
          if (!Number.isInteger(n) || n < least) {
            throw new UsageError(`${flag} must be a whole number, ${least} or more, got "${value}"`);
          }
          return n;
        };
        const jobs = count("--jobs", options.jobs, 0);
        const turnJobs = count("--turn-jobs", options.turnJobs, 0);
        const modelConcurrency = count("--model-concurrency", options.modelConcurrency, 1);
        if (jobs === 0 && turnJobs === 0) {
          throw new UsageError(
            "--jobs 0 and --turn-jobs 0 leave the worker nothing to do: give either one 1 or more",
          );
        }
        const stop = new AbortController();
        const onSignal = () => {
          process.stderr.write(
            "haggle worker: stopping; arms under way go back to the queue, turns under way are finished first\n",
          );
          stop.abort();
        };
        process.once("SIGINT", onSignal);
        process.once("SIGTERM", onSignal);
        await runWorker({
          db,
          queue: options.queue,
          jobs,
          turnQueue: options.turnQueue,
          turnJobs,
          modelConcurrency,
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
