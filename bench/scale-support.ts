/** What the worker parts of bench:scale share: starting and stopping `haggle worker` processes. */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

/** Resolves once the child has written a line matching `pattern` on stderr. */
export function waitForLine(child: ChildProcess, pattern: RegExp, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error(`a worker did not start within ${ms} ms`)), ms);
    child.stderr?.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (pattern.test(text)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`a worker exited (${code}) before it started: ${text}`)));
  });
}

export interface WorkerProcess {
  child: ChildProcess;
  /** What it has written to stderr so far. */
  log: () => string;
}

const CLI = join(import.meta.dirname, "..", "bin", "haggle.js");

/**
 * Starts `count` `haggle worker` processes with `args`, and resolves once every one has said it waits
 * (`ready` on stderr): the workers' start-up is theirs, not what a part times.
 */
export async function startWorkers(
  count: number,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<WorkerProcess[]> {
  const workers = Array.from({ length: count }, () => {
    const child = spawn(process.execPath, [CLI, "worker", ...args], {
      env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let log = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
    });
    return { child, log: () => log };
  });
  await Promise.all(workers.map((worker) => waitForLine(worker.child, ready, 60_000)));
  return workers;
}

/** Resolves once every worker has exited (after a SIGTERM, with the count of what it took on stderr). */
export function workersExited(workers: WorkerProcess[]): Promise<void> {
  return Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.child.exitCode !== null || worker.child.signalCode !== null) resolve();
          else worker.child.once("exit", () => resolve());
        }),
    ),
  ).then(() => undefined);
}
