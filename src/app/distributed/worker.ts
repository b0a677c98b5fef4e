import { hostname, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type PgBoss from "pg-boss";
import { openPostgresStore } from "../../store/postgres-store.ts";
import { ExperimentError, type ExperimentRecord } from "../experiment.ts";
import type { RunOptions } from "../run-market.ts";
import { runArmAttempt } from "./arm-attempt.ts";
import { type ArmJob, type ArmJobOutput, EXPERIMENT_DOC } from "./arm-job.ts";
import { DEFAULT_QUEUE, ensureQueue, startBoss } from "./boss.ts";

export interface WorkerOptions {
  db: string;
  queue?: string;
  /** Arms run at once in this process (default 1). */
  jobs?: number;
  /** Where arms keep their run folders while they run (default: a folder in the system's temp). */
  scratch?: string;
  createAgent: RunOptions["createAgent"];
  pollMs?: number;
  /** Stop when the queue has nothing to take (instead of waiting for more). */
  once?: boolean;
  /** Stops taking jobs; arms under way stop where they are and their jobs are given back. */
  signal?: AbortSignal;
  log?: (line: string) => void;
  /** Called when an arm ends (done or failed), e.g. to count them. */
  onArm?: (arm: { job: string; arm: string; ok: boolean; output?: ArmJobOutput; error?: string }) => void;
}

/**
 * A worker: takes arm jobs from the queue until `signal` aborts, runs each arm in this process (its
 * log in PostgreSQL), and completes or fails the job. See the top of this file for how a dead worker's
 * arm is taken over.
 */
export async function runWorker(options: WorkerOptions): Promise<void> {
  const queue = options.queue ?? DEFAULT_QUEUE;
  const log = options.log ?? (() => {});
  const boss = await startBoss(options.db, "worker");
  // Per process: two workers on one machine never share an arm's folder.
  const scratch = resolve(options.scratch ?? join(tmpdir(), "haggle-worker", String(process.pid)));
  const name = `${hostname()}:${process.pid}`;
  const experiments = new Map<string, Promise<ExperimentRecord>>();
  const stopping = new AbortController();
  options.signal?.addEventListener("abort", () => stopping.abort(), { once: true });
  const idle = () =>
    new Promise<void>((resolvePromise) => {
      const timer = setTimeout(resolvePromise, options.pollMs ?? 500);
      stopping.signal.addEventListener(
        "abort",
        () => {
          clearTimeout(timer);
          resolvePromise();
        },
        { once: true },
      );
    });

  const experimentRecord = (schema: string) => {
    let record = experiments.get(schema);
    if (!record) {
      record = (async () => {
        const store = await openPostgresStore(options.db, { schema, maxConnections: 1 });
        try {
          const found = await store.getDocument<ExperimentRecord>(schema, EXPERIMENT_DOC);
          if (!found) throw new ExperimentError(`no experiment is recorded in schema ${schema}`);
          return found;
        } finally {
          await store.close();
        }
      })();
      record.catch(() => experiments.delete(schema));
      experiments.set(schema, record);
    }
    return record;
  };

  const runJob = async (job: PgBoss.Job<ArmJob>): Promise<ArmJobOutput> =>
    runArmAttempt({
      db: options.db,
      job: job.data,
      record: await experimentRecord(job.data.experiment),
      dir: join(scratch, job.data.schema),
      createAgent: options.createAgent,
      signal: stopping.signal,
      worker: name,
    });

  const heartbeat = (job: PgBoss.Job<ArmJob>) => {
    const every = Math.max(1, Math.min(10, job.expireInSeconds / 4)) * 1000;
    const timer = setInterval(() => {
      boss
        .getDb()
        .executeSql(
          "UPDATE pgboss.job SET started_on = now() WHERE name = $1 AND id = $2 AND state = 'active'",
          [queue, job.id],
        )
        .catch((error: Error) => log(`heartbeat of job ${job.id} failed: ${error.message}`));
    }, every);
    return () => clearInterval(timer);
  };

  const loop = async () => {
    while (!stopping.signal.aborted) {
      const [job] = await boss.fetch<ArmJob>(queue, { batchSize: 1 });
      if (!job) {
        if (options.once) return;
        await idle();
        continue;
      }
      log(`arm ${job.data.arm} (job ${job.id}): started`);
      const stop = heartbeat(job);
      try {
        const output = await runJob(job);
        stop();
        await boss.complete(queue, job.id, output as unknown as object);
        log(
          `arm ${job.data.arm}: finished in ${output.seconds.toFixed(1)} s, ${output.events} events` +
            (output.resumedFrom ? `, resumed from event ${output.resumedFrom}` : ""),
        );
        options.onArm?.({ job: job.id, arm: job.data.arm, ok: true, output });
      } catch (error) {
        stop();
        const message = error instanceof Error ? error.message : String(error);
        await boss.fail(queue, job.id, { message }).catch(() => {});
        log(`arm ${job.data.arm}: failed: ${message}`);
        options.onArm?.({ job: job.id, arm: job.data.arm, ok: false, error: message });
      }
    }
  };

  try {
    await ensureQueue(boss, queue);
    log(`worker ${name} waiting for arms on queue ${queue}`);
    await Promise.all(Array.from({ length: Math.max(1, options.jobs ?? 1) }, loop));
  } finally {
    await boss.stop({ graceful: false, wait: true, close: true }).catch(() => {});
  }
}
