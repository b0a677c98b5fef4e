import { hostname, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type PgBoss from "pg-boss";
import { openPostgresStore } from "../../store/postgres-store.ts";
import { ExperimentError, type ExperimentRecord } from "../experiment.ts";
import type { RunOptions } from "../run-market.ts";
import { DEFAULT_TURN_QUEUE } from "../turn-workers/queue-transport.ts";
import { runTurnWorker } from "../turn-workers/turn-worker.ts";
import { runArmAttempt } from "./arm-attempt.ts";
import { type ArmJob, type ArmJobOutput, EXPERIMENT_DOC } from "./arm-job.ts";
import { DEFAULT_QUEUE, ensureQueue, startBoss } from "./boss.ts";
import { rateLimitNotice } from "./rate-limit-notice.ts";
import { ARM_DONE_CHANNEL, ARM_JOBS_CHANNEL, NOTIFY_SQL, WakeChannel } from "./wake-channel.ts";

/** Turns a worker takes at once by default: model-bound turns wait, so several share a process. */
export const DEFAULT_TURN_JOBS = 8;

export interface WorkerOptions {
  db: string;
  queue?: string;
  /** Arms run at once in this process (default 1; 0 takes no arms). */
  jobs?: number;
  /** The queue of markets' turns (`haggle run --turn-workers`); DEFAULT_TURN_QUEUE by default. */
  turnQueue?: string;
  /** Turns taken at once in this process (default 8; 0 takes no turns). */
  turnJobs?: number;
  /** Model calls in flight per provider for the turns of this process (default 8). */
  modelConcurrency?: number;
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
 * A worker: until `signal` aborts, takes arm jobs from the arms' queue and runs each arm in this
 * process (its log in PostgreSQL), and takes turn jobs of markets whose turns go to workers
 * (src/app/turn-workers/turn-worker.ts). See coordinator.ts for how a dead worker's arm is taken over.
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
  // Told when arms are queued (and woken when stopping), rather than finding out at the next poll.
  let told: WakeChannel | undefined;
  stopping.signal.addEventListener("abort", () => told?.wakeAll(), { once: true });
  const idle = () => (told ? told.wait(options.pollMs ?? 500) : Promise.resolve());
  const tellDone = (job: PgBoss.Job<ArmJob>) =>
    boss
      .getDb()
      .executeSql(NOTIFY_SQL, [ARM_DONE_CHANNEL, job.data.experiment])
      .catch(() => {});

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
      onProgress: rateLimitNotice(log, `arm ${job.data.arm}`),
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
        await tellDone(job);
        log(
          `arm ${job.data.arm}: finished in ${output.seconds.toFixed(1)} s, ${output.events} events` +
            (output.resumedFrom ? `, resumed from event ${output.resumedFrom}` : ""),
        );
        armsRun++;
        options.onArm?.({ job: job.id, arm: job.data.arm, ok: true, output });
      } catch (error) {
        stop();
        const message = error instanceof Error ? error.message : String(error);
        await boss.fail(queue, job.id, { message }).catch(() => {});
        await tellDone(job);
        log(`arm ${job.data.arm}: failed: ${message}`);
        options.onArm?.({ job: job.id, arm: job.data.arm, ok: false, error: message });
      }
    }
  };

  const turnQueue = options.turnQueue ?? DEFAULT_TURN_QUEUE;
  const turnJobs = options.turnJobs ?? DEFAULT_TURN_JOBS;
  let turnsTaken = 0;
  let armsRun = 0;
  const turns = () =>
    runTurnWorker({
      onTurn: () => {
        turnsTaken++;
      },
      db: options.db,
      boss,
      queue: turnQueue,
      jobs: turnJobs,
      name,
      makeAgent: options.createAgent,
      ...(options.modelConcurrency !== undefined ? { modelConcurrency: options.modelConcurrency } : {}),
      signal: stopping.signal,
      log,
    });
  const arms = options.jobs ?? 1;
  try {
    // Ready means ready: the model agents' modules (the AI SDK, its providers, zod's schemas), which
    // a market loads on its first model agent, are loaded before the worker says it waits, rather
    // than in its first arm or turn (where four workers starting at once on two cores paid for it
    // together, inside bench:scale's timed region).
    await import("../../agents/llm/llm-agent.ts");
    await ensureQueue(boss, queue);
    if (arms > 0) told = await WakeChannel.open(options.db, ARM_JOBS_CHANNEL, (name) => name === queue);
    if (turnJobs > 0) await ensureQueue(boss, turnQueue);
    log(
      `worker ${name} waiting for ${arms > 0 ? `arms on queue ${queue} (${arms} at once)` : "no arms"}` +
        `${turnJobs > 0 ? ` and turns on queue ${turnQueue} (${turnJobs} at once)` : ""}`,
    );
    // With --once the worker stops when the arms are done; turns are taken while they run.
    await Promise.all([
      Promise.all(Array.from({ length: arms }, loop)).then(() => {
        if (options.once) stopping.abort();
      }),
      ...(turnJobs > 0 ? [turns()] : []),
    ]);
  } finally {
    await told?.close();
    await boss.stop({ graceful: false, wait: true, close: true }).catch(() => {});
    log(`worker ${name} stopped after ${armsRun} arm(s) and ${turnsTaken} turn(s)`);
  }
}
