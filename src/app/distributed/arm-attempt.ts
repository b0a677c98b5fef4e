import { readFile, rm } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { assignAgents } from "../../runner/assign-agents.ts";
import { type RunRecord, writeRunRecord } from "../../runner/run-folder.ts";
import { maskUrl } from "../../store/database-url.ts";
import type { EventStore } from "../../store/event-store.ts";
import { openPostgresStore } from "../../store/postgres-store.ts";
import { armRunConfig, ExperimentError, type ExperimentRecord } from "../experiment.ts";
import { type RunOptions, resumeRun } from "../run-market.ts";
import { ARTIFACT_FILES, type ArmJob, type ArmJobOutput } from "./arm-job.ts";
import { ModelRecording } from "./model-recording.ts";

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
    storeInProcess: true,
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
