/**
 * One market of the market benchmark, in its own process so its peak memory is its own. Runs what a
 * user runs: `haggle run` from the CLI's bundle (bin/bundle.js) on a generated config, store
 * included, then prints one JSON line with the run's figures and this process's peak RSS.
 *
 *   node bench/market-child.js --participants 690 --seed 42
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { bundledCli } from "../bin/bundle.js";

const { values } = parseArgs({
  options: { participants: { type: "string" }, seed: { type: "string", default: "42" } },
});
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const work = mkdtempSync(join(tmpdir(), "haggle-bench-"));
const config = join(work, "bench.yaml");
writeFileSync(
  config,
  [
    "name: bench",
    `seed: ${Number(values.seed)}`,
    "days: 7",
    "population:",
    "  generate:",
    `    participants: ${Number(values.participants)}`,
    "agents:",
    "  random: { engine:strong: 0.5, engine:weak: 0.5 }",
    "",
  ].join("\n"),
);

const bundle = await bundledCli(root);
globalThis[Symbol.for("haggle.bundleDir")] = bundle;
// The CLI prints its JSON on stdout; it is kept here and this process prints one line of its own.
let printed = "";
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  printed += String(chunk);
  const callback = rest.at(-1);
  if (typeof callback === "function") callback();
  return true;
};
process.argv = [process.argv[0], "haggle", "run", "--config", config, "--out", join(work, "run"), "--json"];
const started = performance.now();
await import(pathToFileURL(join(bundle, "interfaces", "cli", "main.mjs")).href);
const wallMs = performance.now() - started;
process.stdout.write = write;
if (process.exitCode) {
  rmSync(work, { recursive: true, force: true });
  throw new Error(`haggle run failed (exit ${process.exitCode}): ${printed}`);
}
const run = JSON.parse(printed);
process.stdout.write(
  `${JSON.stringify({
    participants: run.summary.participants,
    listings: run.summary.listings,
    events: run.events,
    deals: run.summary.deals,
    wallMs,
    simulationMs: run.wallMs,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  })}\n`,
);
rmSync(work, { recursive: true, force: true });
