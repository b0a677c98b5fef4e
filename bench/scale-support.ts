/** What the worker parts of bench:scale share: a log's hash, a child's start. */
import type { ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { canonicalJson } from "../src/engine/fingerprint.ts";
import { readRunRecord } from "../src/runner/run-folder.ts";
import { openStore } from "../src/store/index.ts";

/** The SHA-256 of a run's log in PostgreSQL, its own id taken out (as scripts/log-hash.ts). */
export async function runLogHash(dir: string, db: string): Promise<string> {
  const record = await readRunRecord(dir);
  const store = await openStore({ db, ...(record.schema ? { schema: record.schema } : {}) });
  try {
    const hash = createHash("sha256");
    for (const event of await store.read(record.marketId)) {
      const comparable =
        event.type === "market-created"
          ? { ...event, config: { ...event.config, marketId: "<run>" } }
          : event;
      hash.update(`${canonicalJson(comparable)}\n`);
    }
    return hash.digest("hex");
  } finally {
    await store.close();
  }
}

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
