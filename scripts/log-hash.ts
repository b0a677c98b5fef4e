/**
 * Prints the SHA-256 of a run's event log, with the run's own id taken out so runs in different
 * folders compare: `npx tsx scripts/log-hash.ts runs/demo-... [--db URL]`. The same seed and code
 * must print the same hash; it is how a change to the runner is checked to keep every log as it was.
 */
import { resolve } from "node:path";
import { runLogHash } from "../src/app/log-hash.ts";

const [dirArg, flag, url] = process.argv.slice(2);
if (!dirArg) {
  process.stderr.write("usage: tsx scripts/log-hash.ts <run folder> [--db URL]\n");
  process.exit(2);
}
const dir = resolve(dirArg);
const { hash, events } = await runLogHash(dir, flag === "--db" ? url : process.env.HAGGLE_DB || undefined);
process.stdout.write(`${hash}  ${events} events  ${dir}\n`);
