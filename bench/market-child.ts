/**
 * One market of the market benchmark, in its own process so its peak memory is its own. Runs the
 * same path as `haggle demo` (population, agents, simulation, PGlite store, memos) and prints JSON.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createAgent } from "../src/agents/registry.ts";
import { parseRunConfig } from "../src/runner/load-run-config.ts";
import { startRun } from "../src/runner/run-market.ts";

const { values } = parseArgs({
  options: { participants: { type: "string" }, seed: { type: "string", default: "42" } },
});
const participants = Number(values.participants);
const started = performance.now();
const dir = join(mkdtempSync(join(tmpdir(), "haggle-bench-")), "run");
const config = parseRunConfig(
  {
    name: "bench",
    seed: Number(values.seed),
    days: 7,
    population: { generate: { participants } },
    agents: { random: { "engine:strong": 0.5, "engine:weak": 0.5 } },
  },
  "bench",
);
const outcome = await startRun(config, { dir, createAgent });
const wallMs = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({
    participants,
    listings: outcome.summary.listings,
    events: outcome.events,
    deals: outcome.summary.deals,
    wallMs,
    simulationMs: outcome.wallMs,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  })}\n`,
);
rmSync(join(dir, ".."), { recursive: true, force: true });
