/**
 * The negotiation benchmark: a round-robin tournament of every built-in agent, in both roles, over
 * scenarios drawn from the catalogue (varied limits and zones of agreement, some with no deal possible).
 *
 *   npm run bench:negotiate [-- --scenarios 240 --seed 1 --json]
 */
import { parseArgs } from "node:util";
import { catalogueScenarios } from "../src/agents/builtin/scenarios.ts";
import { agentTable, headToHead, runTournament, tierGap } from "../src/agents/builtin/tournament.ts";
import { createAgent, ENGINE_AGENT_SPECS } from "../src/agents/registry.ts";

const { values } = parseArgs({
  options: {
    scenarios: { type: "string", default: "240" },
    seed: { type: "string", default: "1" },
    agents: { type: "string" },
    json: { type: "boolean", default: false },
  },
});
const count = Number(values.scenarios);
const seed = Number(values.seed);
if (!Number.isInteger(count) || count < 1) throw new Error("--scenarios must be a positive integer");
if (!Number.isInteger(seed)) throw new Error("--seed must be an integer");
const specs = values.agents ? values.agents.split(",").map((spec) => spec.trim()) : [...ENGINE_AGENT_SPECS];

const scenarios = catalogueScenarios(count, seed);
const started = performance.now();
const showProgress = !values.json && process.stderr.isTTY;
const runs = await runTournament({
  specs,
  scenarios,
  seed,
  makeAgent: (spec, context) => createAgent(spec, context),
  onProgress: (done, total) => {
    if (showProgress && done % 200 === 0) process.stderr.write(`\r${done}/${total} negotiations`);
  },
});
if (showProgress) process.stderr.write("\r");
const seconds = (performance.now() - started) / 1000;
const table = agentTable(runs, specs);
const versus = headToHead(runs, specs);
const possible = scenarios.filter(
  (setup) => Math.min(setup.buyer.maxPrice, setup.buyer.budget ?? Infinity) >= setup.item.reserve,
).length;
const gap =
  specs.includes("engine:strong") && specs.includes("engine:weak")
    ? tierGap(runs, "engine:strong", "engine:weak")
    : undefined;

const strongRow = table.find((row) => row.spec === "engine:strong");
const goals = strongRow
  ? {
      strongHasHighestMeanAdvantage: table[0]!.spec === "engine:strong",
      strongAgreesInAtLeast90Percent: strongRow.agreementRate >= 0.9,
      // "Roughly 10-17% of price": both the seller premium and the buyer discount (mixed counterparts)
      // within one percentage point of that band.
      strongVsWeakGapRoughly10To17Percent:
        gap !== undefined &&
        [gap.sellerPremiumMixed, gap.buyerDiscountMixed].every((value) => value >= 0.09 && value <= 0.18),
      noDealOutsideLimits: table.every((row) => row.violations === 0),
      noSecretInAnyMessage: table.every((row) => row.leaks === 0),
    }
  : undefined;

if (values.json) {
  process.stdout.write(
    `${JSON.stringify({ scenarios: count, dealPossible: possible, seed, negotiations: runs.length, seconds, agents: table, headToHead: versus, strongVsWeak: gap, goals }, null, 2)}\n`,
  );
} else {
  const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;
  const num = (value: number, digits = 3): string => value.toFixed(digits);
  const header = [
    "agent",
    "agree",
    "adv",
    "adv(sell)",
    "adv(buy)",
    "rounds",
    "nash",
    "d(nash)",
    "viol",
    "leaks",
  ];
  const rows = table.map((row) => [
    row.spec,
    pct(row.agreementRate),
    num(row.meanAdvantage),
    num(row.sellerAdvantage),
    num(row.buyerAdvantage),
    num(row.meanRounds, 1),
    num(row.nashProduct),
    num(row.nashDistance),
    String(row.violations),
    String(row.leaks),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  const out = [
    `${runs.length} negotiations: ${specs.length} agents x ${specs.length} in both roles x ${count} scenarios (${possible} with a deal possible), seed ${seed}, ${seconds.toFixed(1)}s`,
    "",
    line(header),
    ...rows.map(line),
    "",
    "agree: agreement rate where a deal was possible; adv: mean advantage (u - r)/(max - r), 0 for a missed deal;",
    "rounds: offers per side in deals; nash: mean Nash product; d(nash): distance to the Nash point; viol/leaks must be 0.",
  ];
  const short = (spec: string): string => spec.replace(/^engine:/, "");
  const columns = table.map((row) => row.spec);
  const nameWidth = Math.max(...columns.map((spec) => short(spec).length));
  out.push(
    "",
    "Head to head: mean advantage of the row agent against the column agent (both roles):",
    `${"".padEnd(nameWidth)}  ${columns.map((spec) => short(spec).slice(0, 8).padStart(8)).join(" ")}`,
    ...columns.map(
      (a) =>
        `${short(a).padEnd(nameWidth)}  ${columns.map((b) => num(versus[a]![b]!).padStart(8)).join(" ")}`,
    ),
  );
  if (gap) {
    const cell = (seller: string, buyer: string): string => {
      const value = gap.matrix[seller]![buyer]!;
      return `${pct(value.priceShare)} of asking (${value.deals} deals)`;
    };
    out.push(
      "",
      "Strong vs weak on the same items (mean price by seller x buyer):",
      `  strong seller: vs strong buyer ${cell("engine:strong", "engine:strong")}, vs weak buyer ${cell("engine:strong", "engine:weak")}`,
      `  weak seller:   vs strong buyer ${cell("engine:weak", "engine:strong")}, vs weak buyer ${cell("engine:weak", "engine:weak")}`,
      `  mixed counterparts: strong sellers get ${pct(gap.sellerPremiumMixed)} more (${(gap.sellerPremiumCents / 100).toFixed(2)} per item), strong buyers pay ${pct(gap.buyerDiscountMixed)} less (${(gap.buyerDiscountCents / 100).toFixed(2)} per item)`,
      `  against a weak counterpart: strong sellers get ${pct(gap.sellerPremiumVsWeak)} more, strong buyers pay ${pct(gap.buyerDiscountVsWeak)} less`,
    );
  }
  if (goals) {
    out.push("", "Goals:", ...Object.entries(goals).map(([name, ok]) => `  ${ok ? "ok  " : "FAIL"} ${name}`));
  }
  process.stdout.write(`${out.join("\n")}\n`);
}
