/**
 * The scale benchmark: a market of model agents whose model answers after a fixed delay (a scripted
 * model standing in for a 2 s provider call), run one turn at a time (turnWindow 0) and then with
 * concurrent turn windows and a cap on calls in flight. It shows how much of a model market's time is
 * waiting, and checks that concurrency keeps runs reproducible (two runs, one log).
 *
 *   npm run bench:scale [-- --participants 69 --days 1 --delay-ms 500 --window 30m --concurrency 32 --json]
 */
import { createHash } from "node:crypto";
import { parseArgs } from "node:util";
import { CallLimiter } from "../src/agents/llm/call-limiter.ts";
import { createLlmAgent } from "../src/agents/llm/llm-agent.ts";
import { scriptedModel } from "../src/agents/llm/testing/scripted-model.ts";
import { negotiatorScript } from "../src/agents/llm/testing/scripted-negotiator.ts";
import { canonicalJson } from "../src/engine/fingerprint.ts";
import { MemorySink } from "../src/runner/event-sink.ts";
import { parseRunConfig } from "../src/runner/load-run-config.ts";
import { generatePopulation, PROJECT_DEAL_POPULATION } from "../src/runner/population.ts";
import { simulateMarket } from "../src/runner/simulate-market.ts";

const { values } = parseArgs({
  options: {
    participants: { type: "string", default: "69" },
    days: { type: "string", default: "1" },
    // A 2 s model makes the one-turn-at-a-time run alone take 20 minutes here: 0.5 s keeps the whole
    // benchmark within 10 minutes on this 2-core machine.
    "delay-ms": { type: "string", default: "500" },
    window: { type: "string", default: "30m" },
    concurrency: { type: "string", default: "32" },
    seed: { type: "string", default: "1" },
    json: { type: "boolean", default: false },
  },
});
const participantsCount = Number(values.participants);
const days = Number(values.days);
const delayMs = Number(values["delay-ms"]);
const concurrency = Number(values.concurrency);
const seed = Number(values.seed);
if (!Number.isInteger(participantsCount) || participantsCount < 2)
  throw new Error("--participants: an integer of at least 2");
if (!(days > 0)) throw new Error("--days must be positive");
if (!(delayMs >= 0)) throw new Error("--delay-ms must be a number of ms, 0 or more");
if (!Number.isInteger(concurrency) || concurrency < 1)
  throw new Error("--concurrency: a whole number of at least 1");
// The run config's own reading of a window, so "30m" means here what it means in a config.
const windowMs = parseRunConfig({ population: { generate: { participants: 2 } }, turnWindow: values.window })
  .turnWindow!;

const participants = generatePopulation({
  ...PROJECT_DEAL_POPULATION,
  participants: participantsCount,
  seed,
});

interface Row {
  setting: string;
  turnWindowMs: number;
  concurrency: number;
  seconds: number;
  modelCalls: number;
  peakInFlight: number;
  deals: number;
  dealsPerPerson: number;
  events: number;
  logHash: string;
}

async function run(setting: string, turnWindowMs: number, cap: number): Promise<Row> {
  const limiter = new CallLimiter(cap);
  let calls = 0;
  let inFlight = 0;
  let peak = 0;
  const sink = new MemorySink();
  const started = performance.now();
  const result = await simulateMarket({
    marketId: "bench-scale",
    seed,
    participants,
    assignment: Object.fromEntries(participants.map((p) => [p.id, "llm:scripted:negotiator"])),
    createAgent: (spec, context) => {
      const negotiator = negotiatorScript();
      const model = scriptedModel(async (call) => {
        calls++;
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        inFlight--;
        return negotiator(call);
      });
      return createLlmAgent(spec, context, { model, limiter });
    },
    sink,
    startAt: Date.UTC(2026, 0, 5, 9),
    durationMs: days * 24 * 3600 * 1000,
    turnWindowMs,
    onProgress: (progress) => {
      if (!values.json && process.stderr.isTTY)
        process.stderr.write(`\r${setting}: ${Math.round(progress.fraction * 100)}%  calls ${calls}   `);
    },
  });
  if (!values.json && process.stderr.isTTY) process.stderr.write("\n");
  const hash = createHash("sha256");
  for (const event of sink.events) hash.update(`${canonicalJson(event)}\n`);
  const deals = [...result.state.deals.values()].filter((deal) => deal.status !== "cancelled").length;
  return {
    setting,
    turnWindowMs,
    concurrency: cap,
    seconds: (performance.now() - started) / 1000,
    modelCalls: calls,
    peakInFlight: peak,
    deals,
    dealsPerPerson: (2 * deals) / participantsCount,
    events: sink.events.length,
    logHash: hash.digest("hex").slice(0, 16),
  };
}

process.stderr.write(
  `bench:scale: ${participantsCount} people, ${days} market day(s), a model that answers after ${delayMs} ms, seed ${seed}\n`,
);
const sequential = await run("one turn at a time", 0, concurrency);
const concurrent = await run(`window ${values.window}`, windowMs, concurrency);
const again = await run(`window ${values.window}, again`, windowMs, concurrency);
const rows = [sequential, concurrent, again];
const speedup = sequential.seconds / concurrent.seconds;
const goals = [
  {
    goal: `at least 10x faster with window ${values.window} and concurrency ${concurrency}`,
    value: speedup,
    met: speedup >= 10,
  },
  {
    goal: "the same log from two runs with the same settings",
    value: concurrent.logHash === again.logHash,
    met: concurrent.logHash === again.logHash,
  },
];

if (values.json) {
  process.stdout.write(
    `${JSON.stringify({ participants: participantsCount, days, delayMs, seed, rows, speedup, goals }, null, 2)}\n`,
  );
} else {
  const table = rows.map((row) => ({
    setting: row.setting,
    seconds: row.seconds.toFixed(1),
    "model calls": row.modelCalls,
    "peak in flight": row.peakInFlight,
    deals: row.deals,
    "deals/person": row.dealsPerPerson.toFixed(2),
    events: row.events,
    log: row.logHash,
  }));
  console.table(table);
  console.log(`speed-up: ${speedup.toFixed(1)}x`);
  for (const goal of goals)
    console.log(
      `${goal.met ? "met   " : "MISSED"}  ${goal.goal} (${typeof goal.value === "number" ? `${goal.value.toFixed(1)}x` : goal.value})`,
    );
}
