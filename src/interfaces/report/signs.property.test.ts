import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AnalysisResults } from "../../analysis/analyze.ts";
import { parseCsv } from "../../analysis/csv.ts";
import type { TierContrast } from "../../analysis/tier-effects.ts";
import { findings } from "./findings.ts";
import { reportHtml } from "./html.ts";
import { reportTables } from "./tables.ts";
import { terminalSummary } from "./terminal-summary.ts";

/** Results holding only tier contrasts; every other part empty. */
function resultsWith(contrasts: TierContrast[]): AnalysisResults {
  return {
    meta: {
      name: "signs",
      kind: "deals-file",
      input: "deals.csv",
      currency: "USD",
      seed: 1,
      bootstrap: 100,
      permutations: 100,
      matchRule: "serves-want",
      arms: [],
      tiers: ["engine:weak", "engine:strong"],
      reference: "engine:weak",
      referenceChoice: { source: "name", reason: "the one tier named weak" },
      deals: 0,
      listings: 0,
      wants: 0,
    },
    arms: [],
    participation: [],
    dealRates: [],
    tierEffects: {
      method: "item-fixed-effects",
      reference: "engine:weak",
      tiers: ["engine:weak", "engine:strong"],
      contrasts,
      itemsUsed: 50,
      dealsUsed: 200,
      bootstrap: 100,
      permutations: 100,
      notes: [],
    },
    priceMatrix: { cells: [] },
    tierPrices: [],
    sameItem: { itemsSoldInSeveralArms: 0, items: [], examples: [] },
    persona: [],
    efficiency: [],
    surplusShares: { byTier: [], shares: [], dealsCounted: 0 },
    modelUsage: [],
    notes: [],
  } as unknown as AnalysisResults;
}

const value = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

const contrastArb = (side: "seller" | "buyer") =>
  fc
    .record({
      percent: fc.tuple(value(-0.9, 0.9), value(-0.9, 0.9), value(-0.9, 0.9)),
      cents: fc.tuple(value(-50_000, 50_000), value(-50_000, 50_000), value(-50_000, 50_000)),
      pValue: fc.option(value(0.001, 1), { nil: undefined }),
      tooFew: fc.boolean(),
      adjusted: fc.boolean(),
    })
    .map(({ percent, cents, pValue, tooFew, adjusted }): TierContrast => {
      const [p0, p1, p2] = [...percent].sort((a, b) => a - b) as [number, number, number];
      const [c0, c1, c2] = [...cents].sort((a, b) => a - b) as [number, number, number];
      // The estimate and the money need not agree in sign: the two models can disagree.
      return {
        side,
        tier: "engine:strong",
        reference: "engine:weak",
        percent: tooFew ? { estimate: p1 } : { estimate: p1, low: p0, high: p2 },
        cents: tooFew ? { estimate: cents[0] } : { estimate: c1, low: c0, high: c2 },
        ...(pValue !== undefined && !tooFew ? { pValue } : {}),
        deals: 100,
        adjusted,
        ...(tooFew ? { tooFew: "3 items sold under both tiers" } : {}),
      };
    });

/** A number in words back to the table's signed value: sellers' "more" and buyers' "less" are +. */
function signed(side: "seller" | "buyer", magnitude: string, word: string): number {
  const n = Number(magnitude.replaceAll(",", ""));
  const positive = side === "seller" ? word === "more" : word === "less";
  return positive ? n : -n;
}

/** The sign words must match the table: equal after rounding to what the sentence shows. */
function agrees(shown: number, table: number, unit: number): boolean {
  return (
    Math.abs(shown - Math.round(table / unit) * unit) < unit / 2 || Math.abs(shown - table) <= unit / 2 + 1e-9
  );
}

describe("tier sentences and tables", () => {
  it("every number in a sentence has the sign of the table's value, for random contrasts", () => {
    fc.assert(
      fc.property(contrastArb("seller"), contrastArb("buyer"), (seller, buyer) => {
        const results = resultsWith([seller, buyer]);
        const list = findings(results);
        const table = reportTables(results, { deals: [], listings: [], wants: [] }).find(
          (t) => t.name === "tier-effects",
        )!;
        const [header, ...rows] = parseCsv(table.csv);
        const column = (row: { cells: string[] }, name: string) => row.cells[header!.cells.indexOf(name)]!;
        const summary = terminalSummary(results, list);
        const html = reportHtml(results, list, []);
        for (const row of rows) {
          const side = column(row, "side") as "seller" | "buyer";
          const contrast = side === "seller" ? seller : buyer;
          const who = side === "seller" ? "Strong sellers" : "Strong buyers";
          const text = list.find((f) => f.topic === "tiers" && f.text.startsWith(who))!.text;
          if (contrast.tooFew) {
            expect(text).toContain("too few to tell");
            expect(text).not.toMatch(/95% CI|p [=<]/);
            expect(column(row, "percent_low")).toBe("");
            expect(column(row, "p_value")).toBe("");
            continue;
          }
          const percent = Number(column(row, "percent")) * 100;
          const cents = Number(column(row, "cents")) / 100;
          const main = /^Strong \w+ (?:got|paid) (\d+\.\d)% (more|less) /.exec(text)!;
          expect(agrees(signed(side, main[1]!, main[2]!), percent, 0.1)).toBe(true);
          // The table shows the same words.
          expect(summary).toContain(`${main[1]}% ${main[2]}`);
          expect(html).toContain(`${main[1]}% ${main[2]}`);
          const ci = /\(95% CI (\d+\.\d)% (more|less) to (\d+\.\d)% (more|less)/.exec(text)!;
          expect(agrees(signed(side, ci[1]!, ci[2]!), Number(column(row, "percent_low")) * 100, 0.1)).toBe(
            true,
          );
          expect(agrees(signed(side, ci[3]!, ci[4]!), Number(column(row, "percent_high")) * 100, 0.1)).toBe(
            true,
          );
          const money = /(about|the other way,) \$([\d,]+\.\d\d) (more|less) per item/.exec(text)!;
          expect(agrees(signed(side, money[2]!, money[3]!), cents, 0.01)).toBe(true);
          const moneyCi =
            /per item \(95% CI \$([\d,]+\.\d\d) (more|less) to \$([\d,]+\.\d\d) (more|less)\)/.exec(text)!;
          expect(
            agrees(signed(side, moneyCi[1]!, moneyCi[2]!), Number(column(row, "cents_low")) / 100, 0.01),
          ).toBe(true);
          expect(
            agrees(signed(side, moneyCi[3]!, moneyCi[4]!), Number(column(row, "cents_high")) / 100, 0.01),
          ).toBe(true);
          // "paid 1.4% less ... about $62.63 more": "about" only joins numbers of one direction.
          const shownPercent = Math.round(Number(column(row, "percent")) * 1000);
          const shownCents = Math.round(Number(column(row, "cents")));
          if (money[1] === "about" && shownPercent !== 0 && shownCents !== 0)
            expect(shownPercent > 0).toBe(shownCents > 0);
          if (money[1] !== "about") expect(shownPercent > 0).not.toBe(shownCents > 0);
          // Never a minus sign inside words ("-27.8% less").
          expect(text).not.toMatch(/-\d+(\.\d+)?% (more|less)/);
          expect(summary).not.toMatch(/-\d+(\.\d+)?% (more|less)/);
        }
      }),
      { seed: Number(process.env.FC_SEED ?? 16), numRuns: 200 },
    );
  });
});
