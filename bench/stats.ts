/**
 * The statistics' calibration benchmark: plants known effects in generated Project-Deal-shaped deal
 * files (69 people, two all-strong arms and two mixed arms, the same items in each, about 175 deals an
 * arm, each person keeping their own price effect and number of items across arms), and the null (no
 * effect), runs `analyzeRecords` (what `haggle analyze` runs) on each, and counts how often the 95%
 * intervals cover the planted value and how often p < 0.05 with nothing planted.
 *
 * Each rate is printed with its Wilson 95% interval, and judged against its goal band as follows: "met"
 * when the estimate lies inside the band; "missed" when the whole interval lies outside it (the data
 * rule the band out); "unclear" otherwise (outside the band, but not by more than the Monte Carlo noise
 * can explain). The default counts make an exactly calibrated estimator "met" with high probability
 * (printed: the chance under the binomial) and "missed" almost never.
 *
 *   npm run bench:stats [-- --datasets 1000 --nulls 2000 --permutations 1000 --bootstrap 1000 --seed 1 --json]
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { analyzeRecords } from "../src/analysis/analyze.ts";
import { chanceInBand, type Verdict, verdict, wilson } from "../src/analysis/testing/calibration.ts";
import { projectDealArms } from "../src/analysis/testing/synthetic.ts";
import { withinPersonContrast } from "../src/analysis/within-person-deals.ts";

const { values } = parseArgs({
  options: {
    datasets: { type: "string", default: "1000" },
    nulls: { type: "string", default: "2000" },
    bootstrap: { type: "string", default: "1000" },
    permutations: { type: "string", default: "1000" },
    seed: { type: "string", default: "1" },
    json: { type: "boolean", default: false },
  },
});
const whole = (name: string, min: number): number => {
  const n = Number(values[name as keyof typeof values]);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number of at least ${min}`);
  return n;
};
const datasets = whole("datasets", 1);
const nulls = whole("nulls", 1);
const bootstrap = whole("bootstrap", 20);
const permutations = whole("permutations", 19);
const seed = whole("seed", 0);

/** What is planted: prices (log scale), sales, and each person's own effects. */
const PLANTED = {
  sellerPremium: 0.12,
  buyerDiscount: 0.08,
  /** A strong seller's item sells with chance 0.6 instead of 0.5. */
  dealsEffect: 0.1,
  /** Each person's own effect on price as seller and as buyer (SD, log), kept across arms. */
  personEffect: 0.1,
  /** Each person sells 3 to 7 items in every arm: some people trade more than others. */
  itemsPerPerson: [3, 7] as [number, number],
};
const GOALS = { coverage: [0.93, 0.97], falsePositives: [0.04, 0.06] } as const;

type Estimator =
  | "seller premium"
  | "buyer discount"
  | "deals per person, between people"
  | "deals per person, within people";
const ESTIMATORS: Estimator[] = [
  "seller premium",
  "buyer discount",
  "deals per person, between people",
  "deals per person, within people",
];
const tally = () =>
  Object.fromEntries(ESTIMATORS.map((e) => [e, { hits: 0, n: 0 }])) as Record<
    Estimator,
    { hits: number; n: number }
  >;
const coverage = tally();
const falsePositives = tally();

/** The deal-rate truth: the estimators applied to each person-arm's expected deals given the draw. */
function dealRateTruth(expected: ReturnType<typeof projectDealArms>["expectedDeals"]) {
  const mixed = expected.filter((row) => row.arm.includes("mixed"));
  const mean = (rows: typeof mixed) => rows.reduce((sum, row) => sum + row.deals, 0) / rows.length;
  const between =
    mean(mixed.filter((row) => row.tier === "engine:strong")) -
    mean(mixed.filter((row) => row.tier === "engine:weak"));
  const within = withinPersonContrast(mixed, "engine:strong", "engine:weak", {
    seed: 0,
    bootstrap: 0,
    permutations: 0,
  })?.difference;
  return { between, within };
}

const covers = (interval: { low?: number; high?: number }, value: number | undefined) =>
  interval.low !== undefined && interval.high !== undefined && value !== undefined
    ? interval.low <= value && value <= interval.high
    : undefined;

function count(target: { hits: number; n: number }, hit: boolean | undefined): void {
  if (hit === undefined) return;
  target.n++;
  if (hit) target.hits++;
}

const load = loadavg();
const startedAt = new Date().toISOString();
const started = performance.now();
const showProgress = !values.json && process.stderr.isTTY;
const total = datasets + nulls;
for (let i = 0; i < total; i++) {
  const planted = i < datasets;
  const data = projectDealArms({
    seed: seed * 1_000_000 + i,
    personEffect: PLANTED.personEffect,
    itemsPerPerson: PLANTED.itemsPerPerson,
    ...(planted
      ? {
          sellerPremium: PLANTED.sellerPremium,
          buyerDiscount: PLANTED.buyerDiscount,
          dealsEffect: PLANTED.dealsEffect,
        }
      : {}),
  });
  const results = await analyzeRecords(
    { kind: "experiment", path: "bench", name: "bench", currency: "USD", arms: data.arms },
    { seed: i, bootstrap: planted ? bootstrap : 0, permutations: planted ? 0 : permutations },
  );
  const seller = results.tierEffects.contrasts.find((c) => c.side === "seller");
  const buyer = results.tierEffects.contrasts.find((c) => c.side === "buyer");
  const rate = results.dealRates.find((r) => r.tier === "engine:strong");
  if (planted) {
    const truth = dealRateTruth(data.expectedDeals);
    count(coverage["seller premium"], seller && covers(seller.percent, PLANTED.sellerPremium));
    count(coverage["buyer discount"], buyer && covers(buyer.percent, PLANTED.buyerDiscount));
    count(coverage["deals per person, between people"], rate && covers(rate.interval, truth.between));
    count(
      coverage["deals per person, within people"],
      rate?.withinPerson && covers(rate.withinPerson.interval, truth.within),
    );
  } else {
    const significant = (p: number | undefined) => (p === undefined ? undefined : p < 0.05);
    count(falsePositives["seller premium"], significant(seller?.pValue));
    count(falsePositives["buyer discount"], significant(buyer?.pValue));
    count(falsePositives["deals per person, between people"], significant(rate?.p));
    count(falsePositives["deals per person, within people"], significant(rate?.withinPerson?.p));
  }
  if (showProgress && (i + 1) % 50 === 0) process.stderr.write(`\r${i + 1}/${total} datasets`);
}
if (showProgress) process.stderr.write("\r");
const seconds = (performance.now() - started) / 1000;

const rows = ESTIMATORS.map((estimator) => {
  const c = coverage[estimator];
  const f = falsePositives[estimator];
  const rate = (t: { hits: number; n: number }) => (t.n > 0 ? t.hits / t.n : Number.NaN);
  const se = (t: { hits: number; n: number }) => Math.sqrt((rate(t) * (1 - rate(t))) / t.n);
  return {
    estimator,
    coverage: {
      covered: c.hits,
      datasets: c.n,
      rate: rate(c),
      standardError: se(c),
      wilson95: wilson(c.hits, c.n),
    },
    coverageVerdict: verdict(c.hits, c.n, GOALS.coverage),
    falsePositives: {
      significant: f.hits,
      datasets: f.n,
      rate: rate(f),
      standardError: se(f),
      wilson95: wilson(f.hits, f.n),
    },
    falsePositiveVerdict: verdict(f.hits, f.n, GOALS.falsePositives),
  };
});
// An exact test with B permutations and p = (1 + k) / (1 + B) gives p < 0.05 with this probability.
const exactRate = Math.ceil(0.05 * (permutations + 1) - 1) / (permutations + 1);
/** With these counts, the chance that an exactly calibrated estimator is judged "met". */
const power = {
  coverage: chanceInBand(datasets, 0.95, GOALS.coverage),
  falsePositives: chanceInBand(nulls, exactRate, GOALS.falsePositives),
};

if (values.json) {
  process.stdout.write(
    `${JSON.stringify({ seed, datasets, nulls, bootstrap, permutations, planted: PLANTED, goals: GOALS, exactTestRate: exactRate, calibratedChanceOfMet: power, startedAt, loadAverage: load, seconds, estimators: rows }, null, 2)}\n`,
  );
} else {
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
  const header = [
    "estimator",
    "coverage of 95% CI [Wilson 95%]",
    "goal 93-97%",
    "p < 0.05 with no effect [Wilson 95%]",
    "goal 4-6%",
  ];
  const range = (w: { low: number; high: number }) => `[${pct(w.low)}, ${pct(w.high)}]`;
  const word = (v: Verdict) => (v === "met" ? "met" : v === "missed" ? "MISSED" : "unclear");
  const table = rows.map((row) => [
    row.estimator,
    `${row.coverage.covered}/${row.coverage.datasets} = ${pct(row.coverage.rate)} ${range(row.coverage.wilson95)}`,
    word(row.coverageVerdict),
    `${row.falsePositives.significant}/${row.falsePositives.datasets} = ${pct(row.falsePositives.rate)} ${range(row.falsePositives.wilson95)}`,
    word(row.falsePositiveVerdict),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  process.stdout.write(
    `${[
      `${datasets} datasets with effects planted and ${nulls} with none, Project Deal's design (69 people, 2 all-strong + 2 mixed arms), seed ${seed}, ${seconds.toFixed(1)}s, started ${startedAt}, load average ${load.map((v) => v.toFixed(2)).join(" ")}`,
      `planted: strong sellers +${pct(PLANTED.sellerPremium)}, strong buyers -${pct(PLANTED.buyerDiscount)}, strong sellers' items sell 60% vs 50%; every person keeps a price effect (SD ${PLANTED.personEffect} log) and 3-7 items across arms`,
      "",
      line(header),
      ...table.map(line),
      "",
      `${bootstrap} bootstrap resamples, ${permutations} permutations: an exact test gives p < 0.05 in ${(exactRate * 100).toFixed(3)}% of null datasets.`,
      "Verdict: met = the estimate inside the goal band; MISSED = its whole Wilson 95% interval outside the band; unclear = neither.",
      `With these counts an exactly calibrated estimator is "met" with chance ${pct(power.coverage)} (coverage 95%) and ${pct(power.falsePositives)} (false positives ${(exactRate * 100).toFixed(3)}%).`,
      "Deal-rate truth: each estimator applied to every person-arm's expected deals given the tiers drawn.",
    ].join("\n")}\n`,
  );
}
