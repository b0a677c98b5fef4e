import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import type PgBoss from "pg-boss";
import type { ExperimentConfig } from "../../runner/experiment-config.ts";
import { openPostgresStore } from "../../store/postgres-store.ts";
import {
  type ArmRun,
  armRunId,
  ExperimentError,
  type ExperimentProgress,
  type ExperimentRecord,
  openExperiment,
  writeExperimentRecord,
} from "../experiment.ts";
import { type ArmJob, DEFAULT_JOB_EXPIRY_SECONDS, DEFAULT_RETRIES, EXPERIMENT_DOC } from "./arm-job.ts";
import { DEFAULT_QUEUE, ensureQueue, startBoss } from "./boss.ts";
import { materialiseArm } from "./materialise-arm.ts";
import { ARM_DONE_CHANNEL, ARM_JOBS_CHANNEL, NOTIFY_SQL, WakeChannel } from "./wake-channel.ts";

/**
 * Experiments on many processes and machines. The database is the only thing they share:
 *
 * - `experiment run --distributed` (the coordinator) records the experiment in PostgreSQL (schema
 *   `hx_<id>`), queues one pg-boss job per arm, waits for them, and writes each finished arm's run
 *   folder into the experiment folder from the database (run.json, summary.json, records.json, memos),
 *   so `haggle analyze` reads it as any experiment.
 * - `haggle worker` takes arm jobs one at a time (or `jobs` at once), runs each arm's market with its
 *   log in its own schema (`hx_<id>_a<n>`), and keeps what the coordinator needs as documents there.
 *   While it runs an arm it renews the job's start every few seconds (a heartbeat); a worker that dies
 *   stops renewing, the job expires after `expireSeconds` and pg-boss gives it to another worker, which
 *   resumes the arm from its log: a simulation re-derives every stored event from the seed and checks
 *   it, so the arm ends with the log an uninterrupted run makes. Two workers on one arm cannot both
 *   write: the market's advisory lock refuses the second, whose attempt is retried later.
 */

function newExperimentSchema(): string {
  return `hx_${randomBytes(5).toString("hex")}`;
}

export interface DistributedExperimentOptions {
  out: string;
  configDir: string;
  db: string;
  queue?: string;
  /** A job whose worker stops renewing it goes to another worker after this long. */
  expireSeconds?: number;
  /** Further attempts of an arm after a failure (a kill, an error) before it fails for good. */
  retries?: number;
  pollMs?: number;
  onProgress?: (progress: DistributedProgress) => void;
  signal?: AbortSignal;
}

export interface DistributedProgress extends ExperimentProgress {
  /** The experiment's schema: `haggle analyze <schema> --db ...` reads it from the database. */
  schema: string;
  /** Arms waiting for a worker. */
  queued: number;
  /** Attempts retried so far (a worker killed, an arm that failed and is tried again). */
  retries: number;
}

/**
 * The coordinator of a distributed experiment: records it, queues its unfinished arms, waits for the
 * workers, materialises each finished arm's run folder, and records every arm's outcome in
 * `experiment.json`. Started again on the same folder, it waits for the jobs already queued and queues
 * again only the arms that failed for good.
 */
export async function runDistributedExperiment(
  config: ExperimentConfig,
  options: DistributedExperimentOptions,
): Promise<ExperimentRecord> {
  const dir = resolve(options.out);
  const queue = options.queue ?? DEFAULT_QUEUE;
  const record = await openExperiment(config, dir, options.configDir);
  if (!record.distributed) {
    record.distributed = { schema: newExperimentSchema(), queue };
    record.arms.forEach((arm, index) => {
      arm.schema = `${record.distributed!.schema}_a${index}`;
      arm.runId = armRunId(dir, arm);
    });
    await writeExperimentRecord(dir, record);
  }
  const { schema } = record.distributed;
  const queueName = record.distributed.queue;
  const store = await openPostgresStore(options.db, { schema, maxConnections: 2 });
  let boss: PgBoss | undefined;
  let done: WakeChannel | undefined;
  try {
    // Told when a worker ends one of this experiment's arms, rather than finding out at the next poll.
    done = await WakeChannel.open(options.db, ARM_DONE_CHANNEL, (payload) => payload === schema);
    await store.putDocument(schema, EXPERIMENT_DOC, record);
    boss = await startBoss(options.db, "experiment");
    await ensureQueue(boss, queueName);
    const sendOptions = {
      retryLimit: options.retries ?? DEFAULT_RETRIES,
      retryDelay: 1,
      expireInSeconds: options.expireSeconds ?? DEFAULT_JOB_EXPIRY_SECONDS,
      retentionDays: 7,
    };
    const send = async (arm: ArmRun) => {
      const data: ArmJob = {
        experiment: schema,
        arm: arm.id,
        schema: arm.schema!,
        runId: armRunId(dir, arm),
      };
      const id = await boss!.send(queueName, data, sendOptions);
      if (!id) throw new ExperimentError(`pg-boss did not queue arm ${arm.id}`);
      arm.job = id;
      arm.status = "pending";
      delete arm.error;
    };
    const pending = new Set<ArmRun>();
    for (const arm of record.arms) {
      if (arm.status === "finished") continue;
      const job = arm.job ? await boss.getJobById(queueName, arm.job, { includeArchive: true }) : null;
      if (!job || job.state === "failed" || job.state === "cancelled") await send(arm);
      pending.add(arm);
    }
    // Kept in the database too, jobs and outcomes included, so a copy of this folder made from it
    // (haggle analyze <schema> --db) can be run again with --out and waits for these jobs, not new ones.
    const save = async () => {
      await writeExperimentRecord(dir, record);
      await store.putDocument(schema, EXPERIMENT_DOC, record);
    };
    await save();
    await boss.getDb().executeSql(NOTIFY_SQL, [ARM_JOBS_CHANNEL, queueName]);

    const running = new Set<string>();
    let queued = 0;
    let retries = 0;
    const report = () =>
      options.onProgress?.({
        schema,
        done: record.arms.filter((arm) => arm.status === "finished").length,
        total: record.arms.length,
        failed: record.arms.filter((arm) => arm.status === "failed").length,
        running: [...running],
        queued,
        retries,
      });
    report();
    while (pending.size > 0) {
      if (options.signal?.aborted) throw options.signal.reason;
      running.clear();
      queued = 0;
      retries = 0;
      let changed = false;
      for (const arm of [...pending]) {
        const job = await boss.getJobById<ArmJob>(queueName, arm.job!, { includeArchive: true });
        retries += job?.retryCount ?? 0;
        if (job?.state === "completed") {
          await materialiseArm(dir, record, arm, options.db);
          arm.status = "finished";
          pending.delete(arm);
          changed = true;
        } else if (!job || job.state === "failed" || job.state === "cancelled") {
          arm.status = "failed";
          arm.error = job ? failureMessage(job.output) : "its job is gone from the queue";
          pending.delete(arm);
          changed = true;
        } else if (job.state === "active") running.add(arm.id);
        else queued++;
      }
      if (changed) await save();
      report();
      if (pending.size > 0) await done.wait(options.pollMs ?? 250);
    }
  } finally {
    await done?.close();
    await boss?.stop({ graceful: false, wait: true, close: true }).catch(() => {});
    await store.close();
  }
  const failures = record.arms.filter((arm) => arm.status === "failed");
  if (failures.length > 0) {
    throw new ExperimentError(
      `${failures.length} arm(s) failed on the workers: ${failures.map((arm) => `${arm.id} (${arm.error})`).join("; ")}. ` +
        `Fix the cause and run the same command with --out ${dir} to queue them again.`,
    );
  }
  return record;
}

export function failureMessage(output: unknown): string {
  const value = (output as { value?: { message?: string }; message?: string } | null) ?? {};
  return value.message ?? value.value?.message ?? JSON.stringify(output);
}
