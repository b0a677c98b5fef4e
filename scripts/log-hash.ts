/**
 * Prints the SHA-256 of a run's event log, with the run's own id taken out so runs in different
 * folders compare: `npx tsx scripts/log-hash.ts runs/demo-... [--db URL]`. The same seed and code
 * must print the same hash; it is how a change to the runner is checked to keep every log as it was.
 */
import { createHash } from "node:crypto";
import { join, resolve } from "node:path";
import { canonicalJson } from "../src/engine/fingerprint.ts";
import { readRunRecord } from "../src/runner/run-folder.ts";
import { openStore } from "../src/store/index.ts";

const [dirArg, flag, url] = process.argv.slice(2);
if (!dirArg) {
  process.stderr.write("usage: tsx scripts/log-hash.ts <run folder> [--db URL]\n");
  process.exit(2);
}
const dir = resolve(dirArg);
const record = await readRunRecord(dir);
const db = flag === "--db" ? url : process.env.HAGGLE_DB;
const store = await openStore({
  ...(db ? { db } : {}),
  ...(db && record.schema ? { schema: record.schema } : {}),
  dataDir: join(dir, "db"),
});
try {
  const hash = createHash("sha256");
  const events = await store.read(record.marketId);
  for (const event of events) {
    // The market's id is the run folder's name; only the genesis event holds it.
    const comparable =
      event.type === "market-created" ? { ...event, config: { ...event.config, marketId: "<run>" } } : event;
    hash.update(`${canonicalJson(comparable)}\n`);
  }
  process.stdout.write(`${hash.digest("hex")}  ${events.length} events  ${dir}\n`);
} finally {
  await store.close();
}
