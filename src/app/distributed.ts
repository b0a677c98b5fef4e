import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import PgBoss from "pg-boss";
import { LLM_RECORDING_FILE } from "../agents/llm/run-context.ts";
import { emptyState } from "../engine/create-market.ts";
import { replay } from "../engine/replay.ts";
import { assignAgents } from "../runner/assign-agents.ts";
import type { ExperimentConfig } from "../runner/experiment-config.ts";
import { type RunRecord, writeRunRecord } from "../runner/run-folder.ts";
import { maskUrl } from "../store/database-url.ts";
import type { EventStore } from "../store/event-store.ts";
import { openPostgresStore } from "../store/postgres-store.ts";
import { dealMemoMarkdown } from "./documents/deal-memo.ts";
import {
  type ArmRun,
  armRunConfig,
  armRunId,
  ExperimentError,
  type ExperimentProgress,
  type ExperimentRecord,
  openExperiment,
  writeExperimentRecord,
} from "./experiment.ts";
import { type RunOptions, resumeRun } from "./run-market.ts";

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

export const DEFAULT_QUEUE = "haggle-arms";
export interface ArmAttemptOptions {
  db: string;
  job: ArmJob;
  record: ExperimentRecord;
  /** The arm's run folder while it runs (this worker's own). */
  dir: string;
  createAgent: RunOptions["createAgent"];
  signal?: AbortSignal;
  onProgress?: RunOptions["onProgress"];
  worker?: string;
}

/**
 * One attempt at an arm, as a worker makes it: writes the arm's run.json in `dir`, runs the arm (or
 * the rest of it: whatever an earlier attempt logged is re-derived and checked), and keeps the run's
 * files as documents of the arm. Throws `store/locked` while another attempt holds the arm, and an
 * ExperimentError if `signal` stopped it first.
 */
export async function runArmAttempt(options: ArmAttemptOptions): Promise<ArmJobOutput> {
  const started = performance.now();
  const { job: data, record, dir } = options;
  const armRun = record.arms.find((arm) => arm.id === data.arm);
  if (!armRun) throw new ExperimentError(`no arm ${data.arm} in experiment ${record.name}`);
  const config = armRunConfig(record, armRun);
  const run: RunRecord = {
    runId: data.runId,
    kind: "market",
    config,
    participants: record.participants,
    assignment: assignAgents(
      config.agents,
      record.participants.map((p) => p.id),
      config.seed,
    ),
    marketId: data.runId,
    arm: armRun.id,
    configDir: record.configDir,
    store: "postgres",
    db: maskUrl(options.db),
    schema: data.schema,
    status: "running",
    startedAt: new Date().toISOString(),
  };
  await writeRunRecord(dir, run);
  // The model exchanges earlier attempts recorded, wherever they ran: a resumed arm replays them.
  const recording = await ModelRecording.open(options.db, data, dir);
  // Resumes from whatever an earlier attempt logged (nothing, on a first attempt).
  const outcome = await resumeRun(dir, {
    db: options.db,
    createAgent: options.createAgent,
    beforeAppend: () => recording.save(),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  }).finally(() => recording.close());
  if (outcome.stopped) throw new ExperimentError(`arm ${armRun.id} was stopped; it will resume`);
  const store: EventStore = await openPostgresStore(options.db, { schema: data.schema, maxConnections: 1 });
  try {
    // Kept as the text the run wrote (jsonb would reorder keys), so the coordinator's copies are
    // byte for byte those of a run on one machine.
    for (const file of ARTIFACT_FILES) {
      await store.putDocument(data.runId, file, { text: await readFile(join(dir, file), "utf8") });
    }
    await store.putDocument(data.runId, "run-record", {
      ...run,
      status: "finished",
      finishedAt: new Date().toISOString(),
    } satisfies RunRecord);
  } finally {
    await store.close();
  }
  await rm(dir, { recursive: true, force: true });
  return {
    events: outcome.events,
    resumedFrom: outcome.resumedFrom,
    deals: outcome.summary.deals,
    worker: options.worker ?? `${hostname()}:${process.pid}`,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * An arm's model recording (`llm-cache.jsonl`) kept in the arm's schema as well as in the worker's
 * run folder: in chunks (`llm-cache.<n>` documents, `llm-cache.count` of them), each saved before the
 * batch of events that follows it is written. An attempt on any machine starts from every chunk saved,
 * so a model arm resumed elsewhere replays its model's answers instead of asking again.
 */
class ModelRecording {
  private offset = 0;
  private chunks = 0;
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    private readonly store: EventStore,
    private readonly runId: string,
    private readonly file: string,
  ) {}

  static async open(db: string, job: ArmJob, dir: string): Promise<ModelRecording> {
    const store = await openPostgresStore(db, { schema: job.schema, maxConnections: 1 });
    const recording = new ModelRecording(store, job.runId, join(dir, LLM_RECORDING_FILE));
    const count = (await store.getDocument<{ n: number }>(job.runId, "llm-cache.count"))?.n ?? 0;
    let text = "";
    for (let n = 0; n < count; n++) {
      text += (await store.getDocument<{ text: string }>(job.runId, `llm-cache.${n}`))?.text ?? "";
    }
    await writeFile(recording.file, text);
    recording.offset = Buffer.byteLength(text);
    recording.chunks = count;
    return recording;
  }

  /** Saves the lines recorded since the last save (one at a time, in order). */
  save(): Promise<void> {
    this.saving = this.saving.then(async () => {
      const whole = await readFile(this.file).catch(() => Buffer.alloc(0));
      const end = whole.lastIndexOf(10) + 1; // complete lines only
      if (end <= this.offset) return;
      const text = whole.subarray(this.offset, end).toString("utf8");
      await this.store.putDocument(this.runId, `llm-cache.${this.chunks}`, { text });
      await this.store.putDocument(this.runId, "llm-cache.count", { n: this.chunks + 1 });
      this.chunks++;
      this.offset = end;
    });
    return this.saving;
  }

  async close(): Promise<void> {
    await this.saving.catch(() => {});
    await this.store.close();
  }
}

/** A job not renewed for this long is given to another worker. */
export const DEFAULT_JOB_EXPIRY_SECONDS = 60;
export const DEFAULT_RETRIES = 3;

/** What a job carries: where the experiment is recorded and which arm to run. */
export interface ArmJob {
  experiment: string;
  arm: string;
  schema: string;
  runId: string;
}

/** What a worker answers when an arm is done. */
export interface ArmJobOutput {
  events: number;
  resumedFrom: number;
  deals: number;
  worker: string;
  seconds: number;
}

const EXPERIMENT_DOC = "experiment";
/** What a worker's run folder holds that the experiment folder needs, kept as documents of the arm. */
const ARTIFACT_FILES = ["summary.json", "records.json"] as const;

function newExperimentSchema(): string {
  return `hx_${randomBytes(5).toString("hex")}`;
}

async function startBoss(db: string, role: string): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: db,
    application_name: `haggle-${role}`,
    max: 4,
    schedule: false,
    // Expired jobs (a dead worker's) go back to the queue within seconds; pg-boss lets one instance
    // at a time do this maintenance, whichever process it is.
    supervise: true,
    maintenanceIntervalSeconds: 5,
    monitorStateIntervalSeconds: 60,
  });
  boss.on("error", (error) => process.stderr.write(`haggle ${role}: queue error: ${error.message}\n`));
  await boss.start();
  return boss;
}

/**
 * Makes the queue if it is missing. Workers starting together all try: pg-boss makes a queue's table
 * and attaches it as a partition, which can deadlock between processes, so a failed try is tried again.
 */
async function ensureQueue(boss: PgBoss, queue: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (!(await boss.getQueue(queue))) await boss.createQueue(queue);
      return;
    } catch (error) {
      if (attempt >= 8) throw error;
      await sleep(50 * attempt + Math.floor(Math.random() * 100));
    }
  }
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
    });
    await writeExperimentRecord(dir, record);
  }
  const { schema } = record.distributed;
  const queueName = record.distributed.queue;
  const store = await openPostgresStore(options.db, { schema, maxConnections: 2 });
  let boss: PgBoss | undefined;
  try {
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
    await writeExperimentRecord(dir, record);

    const running = new Set<string>();
    let queued = 0;
    let retries = 0;
    const report = () =>
      options.onProgress?.({
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
      if (changed) await writeExperimentRecord(dir, record);
      report();
      if (pending.size > 0) await sleep(options.pollMs ?? 250);
    }
  } finally {
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

function failureMessage(output: unknown): string {
  const value = (output as { value?: { message?: string }; message?: string } | null) ?? {};
  return value.message ?? value.value?.message ?? JSON.stringify(output);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolvePromise) => setTimeout(resolvePromise, ms));
}

/**
 * Writes a finished arm's run folder in the experiment folder from what its worker left in the
 * database: run.json (its log is in PostgreSQL, in the arm's schema), summary.json, records.json and a
 * memo per settled deal, from the log replayed here.
 */
async function materialiseArm(
  experimentDir: string,
  record: ExperimentRecord,
  arm: ArmRun,
  db: string,
): Promise<void> {
  const runId = armRunId(experimentDir, arm);
  const store = await openPostgresStore(db, { schema: arm.schema!, maxConnections: 2 });
  try {
    const run = await store.getDocument<RunRecord>(runId, "run-record");
    const files = await Promise.all(
      ARTIFACT_FILES.map((file) => store.getDocument<{ text: string }>(runId, file)),
    );
    if (!run || files.some((file) => file === undefined)) {
      throw new ExperimentError(`arm ${arm.id} is done but its documents are missing from ${arm.schema}`);
    }
    const dir = join(experimentDir, arm.dir);
    await mkdir(join(dir, "memos"), { recursive: true });
    await writeRunRecord(dir, { ...run, configDir: record.configDir });
    for (const [i, file] of ARTIFACT_FILES.entries()) await writeFile(join(dir, file), files[i]!.text);
    const state = replay(await store.read(run.marketId), emptyState());
    for (const deal of state.deals.values()) {
      if (deal.status !== "confirmed" && deal.status !== "handed-over") continue;
      await writeFile(join(dir, "memos", `${deal.id}.md`), dealMemoMarkdown(state, deal, { runDir: dir }));
    }
  } finally {
    await store.close();
  }
}

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

/** The queue's jobs by state, and the arms under way: what `haggle queue` shows. */
export async function queueStatus(
  db: string,
): Promise<{ queues: { name: string; states: Record<string, number> }[]; active: ActiveJob[] }> {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    const installed = await client.query("SELECT to_regclass('pgboss.job') AS table");
    if (!installed.rows[0]?.table) return { queues: [], active: [] };
    const counts = await client.query<{ name: string; state: string; n: string }>(
      "SELECT name, state::text, count(*) AS n FROM pgboss.job GROUP BY name, state ORDER BY name, state",
    );
    const queues = new Map<string, Record<string, number>>();
    for (const row of counts.rows) {
      const states = queues.get(row.name) ?? {};
      states[row.state] = Number(row.n);
      queues.set(row.name, states);
    }
    const active = await client.query<ActiveJob>(
      `SELECT name AS queue, id, data->>'arm' AS arm, data->>'schema' AS schema, retry_count AS "retryCount",
              started_on AS "startedOn"
       FROM pgboss.job WHERE state = 'active' ORDER BY started_on`,
    );
    return { queues: [...queues].map(([name, states]) => ({ name, states })), active: active.rows };
  } finally {
    await client.end();
  }
}

/**
 * Removes a queue and every job in it, finished ones included (pg-boss refuses to delete a queue that
 * still holds jobs). For tests and benchmarks that make their own queues.
 */
export async function dropQueue(db: string, queue: string): Promise<void> {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    const installed = await client.query("SELECT to_regclass('pgboss.job') AS table");
    if (!installed.rows[0]?.table) return;
    await client.query("DELETE FROM pgboss.job WHERE name = $1", [queue]);
    await client.query("DELETE FROM pgboss.archive WHERE name = $1", [queue]);
    await client.query("SELECT pgboss.delete_queue($1)", [queue]);
  } finally {
    await client.end();
  }
}

export interface ActiveJob {
  queue: string;
  id: string;
  arm: string | null;
  schema: string | null;
  retryCount: number;
  startedOn: Date;
}
