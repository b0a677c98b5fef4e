import { existsSync, mkdirSync, rmdirSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { errorBase } from "../domain/errors.ts";
import type { Participant } from "../domain/mandate.ts";
import type { RunConfig } from "./run-config.ts";

/** What `run.json` in a run folder records: enough to resume the run exactly. */
export interface RunRecord {
  runId: string;
  kind: "market";
  config: RunConfig;
  participants: Participant[];
  assignment: Record<string, string>;
  marketId: string;
  /** The experiment arm this run is, if any; analysis labels its deals with it. */
  arm?: string;
  /** The folder the config was read from: `module:` agent paths resolve against it on resume too. */
  configDir?: string;
  /** "pglite" keeps the database in `<run>/db`; "postgres" needs the same --db or HAGGLE_DB to resume. */
  store: "pglite" | "postgres";
  /** For "postgres": the URL the run was started with, password masked (to name it in messages). */
  db?: string;
  /** For "postgres": the schema holding the run's tables (an arm of a distributed experiment); else the default. */
  schema?: string;
  /**
   * Set when the agents' turns go to `haggle worker` processes through this PostgreSQL queue (`haggle
   * run --turn-workers`); a resume goes on the same way.
   */
  turnWorkers?: { queue: string };
  status: "running" | "finished";
  startedAt: string;
  finishedAt?: string;
}

export class RunFolderError extends errorBase("bad-input", "runner/run-folder") {
  override name = "RunFolderError";
}

export function runFile(dir: string): string {
  return join(dir, "run.json");
}

/** Writes atomically (temp file, then rename), so a kill never leaves a half-written run.json. */
export async function writeRunRecord(dir: string, record: RunRecord): Promise<void> {
  await mkdir(dir, { recursive: true });
  const temp = `${runFile(dir)}.tmp`;
  await writeFile(temp, `${JSON.stringify(record, null, 2)}\n`);
  await rename(temp, runFile(dir));
}

export async function readRunRecord(dir: string): Promise<RunRecord> {
  if (!existsSync(runFile(dir))) {
    throw new RunFolderError(
      `${dir} is not a run folder (no run.json): pass the folder a run printed when it started`,
    );
  }
  return JSON.parse(await readFile(runFile(dir), "utf8")) as RunRecord;
}

/**
 * A fresh, readable folder for a run, made and so claimed: runs/<name>-<yyyymmdd-hhmmss>, or with
 * -2, -3, ... when another run took that name in the same second. The claim is the `mkdir` itself
 * (which fails if the folder exists), so two runs started at once, even in two processes, never share
 * a folder.
 */
export function defaultRunDir(runsDir: string, name: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  mkdirSync(runsDir, { recursive: true });
  for (let n = 1; ; n++) {
    const dir = join(runsDir, n === 1 ? `${name}-${stamp}` : `${name}-${stamp}-${n}`);
    try {
      mkdirSync(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}

/**
 * Gives back a folder `defaultRunDir` claimed, when the run was refused before writing anything in it
 * (a bad config, an unknown agent): only an empty folder is removed.
 */
export function releaseRunDir(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not empty (the run wrote in it) or already gone: keep it as it is.
  }
}
