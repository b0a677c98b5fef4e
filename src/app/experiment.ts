import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { basename, join, resolve } from "node:path";
import { errorBase } from "../domain/errors.ts";
import type { Participant } from "../domain/mandate.ts";
import { counted } from "../domain/plural.ts";
import { hashString } from "../domain/random.ts";
import { canonicalJson } from "../engine/fingerprint.ts";
import { projectPath } from "../paths.ts";
import type { ExperimentConfig } from "../runner/experiment-config.ts";
import { parseRunConfig } from "../runner/load-run-config.ts";
import type { RunConfig } from "../runner/run-config.ts";
import { RunFolderError, readRunRecord } from "../runner/run-folder.ts";
import { populationFor, type RunOptions, resumeRun, startRun } from "./run-market.ts";

/** One market of an experiment: an arm in one repetition. */
export interface ArmRun {
  /** Unique in the experiment: the arm's name, with `-r<n>` when there are repetitions. */
  id: string;
  arm: string;
  repetition: number;
  /** The run folder, relative to the experiment folder. */
  dir: string;
  /** The market's seed (wording, timing): its own per run, so two arms with the same rule still differ. */
  seed: number;
  status: "pending" | "finished" | "failed";
  error?: string;
  /** Distributed experiments: the arm's pg-boss job and the PostgreSQL schema holding its log. */
  job?: string;
  schema?: string;
  /**
   * Distributed experiments: the arm's run id (and market id) in its schema, fixed when the experiment
   * is recorded, so a copy of the folder made from the database names the same runs. Absent: derived
   * from the folder's name (armRunId).
   */
  runId?: string;
}

/** `experiment.json`: the plan, the shared people, and where each arm's run folder is. */
export interface ExperimentRecord {
  name: string;
  seed: number;
  config: ExperimentConfig;
  createdAt: string;
  /** Where the config was read from: participant files and `module:` agents resolve against it. */
  configDir: string;
  participants: Participant[];
  arms: ArmRun[];
  /**
   * Set when the arms run on workers (`--distributed`): the schema that holds this record for them
   * (each arm's log is in `<schema>_a<n>`) and the queue its jobs go through.
   */
  distributed?: { schema: string; queue: string };
}

/**
 * An experiment cannot go on. By default a runtime failure (arms failed: "unavailable", exit code 1);
 * the throws that are the caller's to fix name their own kind and code.
 */
export class ExperimentError extends errorBase("unavailable", "experiment/arms-failed") {
  override name = "ExperimentError";
}

const RECORD = "experiment.json";

export async function readExperimentRecord(dir: string): Promise<ExperimentRecord> {
  const path = join(dir, RECORD);
  if (!existsSync(path)) {
    throw new RunFolderError(
      `${dir} is not an experiment folder (no ${RECORD}): pass the folder "experiment run" printed`,
    );
  }
  return JSON.parse(await readFile(path, "utf8")) as ExperimentRecord;
}

export async function writeExperimentRecord(dir: string, record: ExperimentRecord): Promise<void> {
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `${RECORD}.tmp`);
  await writeFile(temp, `${JSON.stringify(record, null, 2)}\n`);
  await rename(temp, join(dir, RECORD));
}

/** Plans the arms: one population for all of them, each arm once per repetition. */
export async function planExperiment(config: ExperimentConfig, configDir: string): Promise<ExperimentRecord> {
  const population = parseRunConfig({ seed: config.seed, population: config.population });
  const participants = await populationFor(population, configDir);
  const arms: ArmRun[] = [];
  for (let repetition = 1; repetition <= config.repetitions; repetition++) {
    for (const arm of config.arms) {
      const id = config.repetitions > 1 ? `${arm.name}-r${repetition}` : arm.name;
      arms.push({
        id,
        arm: arm.name,
        repetition,
        dir: join("arms", id),
        seed: hashString(`${config.seed}:${id}`),
        status: "pending",
      });
    }
  }
  return {
    name: config.name,
    seed: config.seed,
    config,
    createdAt: new Date().toISOString(),
    configDir,
    participants,
    arms,
  };
}

/**
 * Runs one arm in this process: its own market on the experiment's people, or the rest of it when
 * its run folder exists from an interrupted attempt.
 */
export async function runArm(
  experimentDir: string,
  armId: string,
  options: Pick<RunOptions, "createAgent" | "db" | "onProgress">,
): Promise<void> {
  const record = await readExperimentRecord(experimentDir);
  const armRun = record.arms.find((candidate) => candidate.id === armId);
  if (!armRun) {
    throw new ExperimentError(`no arm "${armId}" in ${experimentDir}`, {
      kind: "not-found",
      code: "experiment/unknown-arm",
    });
  }
  const dir = join(experimentDir, armRun.dir);
  if (existsSync(join(dir, "run.json"))) {
    const run = await readRunRecord(dir);
    if (run.status !== "finished") await resumeRun(dir, options);
    return;
  }
  await startRun(armRunConfig(record, armRun), {
    ...options,
    dir,
    configDir: record.configDir,
    participants: record.participants,
    runId: armRunId(experimentDir, armRun),
    arm: armRun.id,
  });
}

/** An arm's market config: the experiment's market, with the arm's agents and its own seed. */
export function armRunConfig(record: Pick<ExperimentRecord, "config">, armRun: ArmRun): RunConfig {
  const { config } = record;
  const arm = config.arms.find((candidate) => candidate.name === armRun.arm)!;
  const run = parseRunConfig({
    name: armRun.id,
    seed: armRun.seed,
    days: config.days,
    start: config.start,
    currency: config.currency,
    population: config.population,
    agents: arm.agents,
    ...(config.caps ? { caps: config.caps } : {}),
    ...(config.llm ? { llm: config.llm } : {}),
  });
  // Already in milliseconds (a number in a config means minutes), so set after the parse.
  return config.turnWindow ? { ...run, turnWindow: config.turnWindow } : run;
}

/** An arm's run id and market id: the one recorded, else the experiment folder's name and the arm's id. */
export function armRunId(experimentDir: string, armRun: Pick<ArmRun, "id" | "runId">): string {
  return armRun.runId ?? `${basename(resolve(experimentDir))}.${armRun.id}`;
}

export interface ExperimentProgress {
  done: number;
  total: number;
  failed: number;
  running: string[];
}

export interface RunExperimentOptions {
  /** The experiment folder; an existing one is resumed (finished arms are kept). */
  out: string;
  configDir: string;
  /** Arms run at once, each in its own process; default: the machine's cores. */
  jobs?: number;
  db?: string;
  onProgress?: (progress: ExperimentProgress) => void;
}

const CLI = projectPath("bin", "haggle.js");
/** Set in an arm's environment: the pid of the experiment that started it. */
const EXPERIMENT_PID = "HAGGLE_EXPERIMENT_PID";

/**
 * Runs one arm in a child process, so arms use every core and one crash does not take the rest. The
 * child is tied to this process by an IPC channel: when this process ends, however it ends (SIGKILL
 * included), the channel closes and the arm stops (`stopWithParent`), instead of running on and
 * holding its data folder when the experiment is run again.
 */
function runArmProcess(experimentDir: string, armId: string, db: string | undefined): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const args = [CLI, "experiment", "arm", experimentDir, armId, ...(db ? ["--db", db] : [])];
    const child = spawn(process.execPath, args, {
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      env: { ...process.env, [EXPERIMENT_PID]: String(process.pid) },
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolvePromise();
      else
        reject(
          new ExperimentError(
            stderr.trim().split("\n").pop() || `stopped by ${signal ?? `exit code ${code}`}`,
            { code: "experiment/arm-failed" },
          ),
        );
    });
  });
}

/**
 * In an arm's process (`haggle experiment arm`, started by `runArmProcess`): stops this process when
 * the experiment that started it is gone, which closes the IPC channel between them. A simulation
 * stopped anywhere is resumed exactly by the next `haggle experiment run` (its data folder's lock,
 * held by a dead process, is taken over). Does nothing in an arm not started by an experiment.
 */
export function stopWithParent(onStop: () => void): void {
  const parent = Number(process.env[EXPERIMENT_PID]);
  if (!parent) return;
  // The experiment may have died while this process was starting, before it could listen.
  if (!process.channel || !process.connected || process.ppid !== parent) {
    onStop();
    return;
  }
  process.channel.unref();
  process.once("disconnect", onStop);
}

/**
 * The experiment in `dir`: the one recorded there (refused if its config differs), or a new plan,
 * recorded before anything runs.
 */
export async function openExperiment(
  config: ExperimentConfig,
  dir: string,
  configDir: string,
): Promise<ExperimentRecord> {
  if (existsSync(join(dir, RECORD))) {
    const record = await readExperimentRecord(dir);
    // Canonically: a record copied from the database (jsonb) has its keys in another order.
    if (canonicalJson(record.config) !== canonicalJson(config)) {
      throw new ExperimentError(
        `${dir} holds an experiment with a different config: pass a new --out folder, or the config it was started with`,
        { kind: "conflict", code: "experiment/config-mismatch" },
      );
    }
    return record;
  }
  const record = await planExperiment(config, configDir);
  await writeExperimentRecord(dir, record);
  return record;
}

/**
 * Runs every arm of an experiment, several at once, and records each arm's outcome in
 * `experiment.json`. Started again on the same folder, it runs only what is not finished.
 */
export async function runExperiment(
  config: ExperimentConfig,
  options: RunExperimentOptions,
): Promise<ExperimentRecord> {
  const dir = resolve(options.out);
  const record = await openExperiment(config, dir, options.configDir);
  if (record.distributed) {
    throw new ExperimentError(
      `${dir} holds an experiment whose arms run on workers: run it again with --distributed and the same --db`,
      { kind: "conflict", code: "experiment/distributed" },
    );
  }
  const todo = record.arms.filter((arm) => arm.status !== "finished");
  const jobs = Math.max(1, options.jobs ?? availableParallelism());
  const running = new Set<string>();
  let failed = 0;
  const report = () =>
    options.onProgress?.({
      done: record.arms.filter((arm) => arm.status === "finished").length,
      total: record.arms.length,
      failed,
      running: [...running],
    });
  // Record updates are serialised: several arms may finish at once.
  let saving: Promise<void> = Promise.resolve();
  const save = () => {
    saving = saving.then(() => writeExperimentRecord(dir, record));
    return saving;
  };
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const arm = todo[next++]!;
      running.add(arm.id);
      report();
      try {
        await runArmProcess(dir, arm.id, options.db);
        arm.status = "finished";
        delete arm.error;
      } catch (error) {
        arm.status = "failed";
        arm.error = (error as Error).message;
        failed++;
      }
      running.delete(arm.id);
      await save();
      report();
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, todo.length) }, worker));
  await saving;
  const failures = record.arms.filter((arm) => arm.status === "failed");
  if (failures.length > 0) {
    throw new ExperimentError(
      `${counted(failures.length, "arm")} failed: ${failures.map((arm) => `${arm.id} (${arm.error})`).join("; ")}. ` +
        `Fix the cause and run the same command with --out ${dir} to finish them.`,
    );
  }
  return record;
}
