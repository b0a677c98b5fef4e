import { linkSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { StoreError } from "./store-error.ts";

/**
 * Takes `<dataDir>.lock`, holding this process's pid, and returns a function that releases it.
 * PGlite does not lock its data folder, and two instances writing one folder corrupt it; the lock
 * lives beside the folder because PGlite's initdb wants the folder itself empty. A lock left by a
 * process that has died is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    // Written aside then linked: the lock never exists without its pid, and link fails if taken.
    const draft = `${path}.${process.pid}.${Date.now()}`;
    writeFileSync(draft, String(process.pid));
    try {
      linkSync(draft, path);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readPid(path);
      if (holder !== undefined && isAlive(holder)) {
        const who = holder === process.pid ? "another store in this process" : `process ${holder}`;
        throw new StoreError(
          "store/locked",
          `The data folder ${dataDir} is already open by ${who}; close it first (lock file ${path}).`,
        );
      }
      rmSync(path, { force: true });
    } finally {
      rmSync(draft, { force: true });
    }
  }
  throw new StoreError("store/locked", `Could not take the lock ${path} for ${dataDir}; try again.`);
}

function readPid(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, "utf8"), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
