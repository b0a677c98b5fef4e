import { createHash } from "node:crypto";
import { join, resolve } from "node:path";
import { canonicalJson } from "../engine/fingerprint.ts";
import { readRunRecord } from "../runner/run-folder.ts";
import { openStore } from "../store/index.ts";

/**
 * The SHA-256 of a run's event log, with the run's own id taken out so runs in different folders
 * compare: the same seed and code give the same hash. It is how a change to the runner is checked to
 * keep every log as it was (`scripts/log-hash.ts`), and how tests and benchmarks compare runs.
 * @param db the PostgreSQL the run's log is in; without it, the run folder's embedded store
 */
export async function runLogHash(dir: string, db?: string): Promise<{ hash: string; events: number }> {
  const folder = resolve(dir);
  const record = await readRunRecord(folder);
  const store = await openStore({
    ...(db ? { db } : {}),
    ...(db && record.schema ? { schema: record.schema } : {}),
    dataDir: join(folder, "db"),
  });
  try {
    const hash = createHash("sha256");
    const events = await store.read(record.marketId);
    for (const event of events) {
      // The market's id is the run folder's name; only the genesis event holds it.
      const comparable =
        event.type === "market-created"
          ? { ...event, config: { ...event.config, marketId: "<run>" } }
          : event;
      hash.update(`${canonicalJson(comparable)}\n`);
    }
    return { hash: hash.digest("hex"), events: events.length };
  } finally {
    await store.close();
  }
}
