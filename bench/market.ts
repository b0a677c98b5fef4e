/**
 * The market benchmark: the demo market (69 people, ~560 listings, a simulated week), then 10x and
 * 100x the people and listings, each in a fresh process running `haggle run` from the CLI's bundle,
 * as a user would, store included.
 *
 *   npm run bench:market [-- --scales 1,10,100 --seed 42 --json]
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { PROJECT_DEAL_POPULATION } from "../src/runner/population.ts";

const { values } = parseArgs({
  options: {
    scales: { type: "string", default: "1,10,100" },
    seed: { type: "string", default: "42" },
    json: { type: "boolean", default: false },
  },
});
const scales = values.scales.split(",").map(Number);
if (scales.some((scale) => !Number.isInteger(scale) || scale < 1)) {
  throw new Error(`--scales must be positive integers separated by commas, got "${values.scales}"`);
}

interface Row {
  scale: number;
  participants: number;
  listings: number;
  events: number;
  deals: number;
  wallMs: number;
  simulationMs: number;
  peakRssBytes: number;
  eventsPerSecond: number;
  msPerDeal: number;
}

const child = fileURLToPath(new URL("./market-child.js", import.meta.url));
const rows: Row[] = [];
for (const scale of scales) {
  const participants = PROJECT_DEAL_POPULATION.participants * scale;
  process.stderr.write(`running ${participants} participants...\n`);
  const output = execFileSync(
    process.execPath,
    [child, "--participants", String(participants), "--seed", values.seed],
    { encoding: "utf8", maxBuffer: 1 << 20, stdio: ["ignore", "pipe", "inherit"] },
  );
  const run = JSON.parse(output.trim().split("\n").pop()!) as Omit<
    Row,
    "scale" | "eventsPerSecond" | "msPerDeal"
  >;
  rows.push({
    scale,
    ...run,
    eventsPerSecond: run.events / (run.wallMs / 1000),
    msPerDeal: run.wallMs / Math.max(1, run.deals),
  });
  // Each scale as it finishes, so a long run shows what it has so far.
  process.stderr.write(`${JSON.stringify(rows.at(-1))}\n`);
}

const base = rows.find((row) => row.scale === 1);
const largest = rows.at(-1)!;
const goals = {
  demoUnder5Seconds: base ? base.wallMs < 5000 : undefined,
  timePerDealWithin2xOfDemo: base && largest !== base ? largest.msPerDeal <= 2 * base.msPerDeal : undefined,
  memoryWithin2GiB: rows.every((row) => row.peakRssBytes <= 2 * 1024 ** 3),
};

if (values.json) {
  process.stdout.write(`${JSON.stringify({ date: new Date().toISOString(), rows, goals }, null, 2)}\n`);
} else {
  const header = [
    "scale",
    "people",
    "listings",
    "events",
    "deals",
    "wall s",
    "events/s",
    "ms/deal",
    "vs demo",
    "peak MiB",
  ];
  const lines = rows.map((row) => [
    `${row.scale}x`,
    String(row.participants),
    String(row.listings),
    String(row.events),
    String(row.deals),
    (row.wallMs / 1000).toFixed(2),
    Math.round(row.eventsPerSecond).toLocaleString("en-US"),
    row.msPerDeal.toFixed(1),
    base ? `${(row.msPerDeal / base.msPerDeal).toFixed(2)}x` : "-",
    (row.peakRssBytes / 1024 ** 2).toFixed(0),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i]!.length)));
  const format = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i]!)).join("  ");
  console.log(format(header));
  for (const line of lines) console.log(format(line));
  console.log("");
  for (const [goal, met] of Object.entries(goals)) {
    console.log(`${met === undefined ? "n/a " : met ? "met " : "MISS"}  ${goal}`);
  }
}
