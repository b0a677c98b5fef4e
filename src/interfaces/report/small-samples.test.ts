import { describe, expect, it } from "vitest";
import { type AnalysisResults, analyzeRecords } from "../../analysis/analyze.ts";
import type { DealRecord } from "../../analysis/deal-record.ts";
import type { AnalysisInput } from "../../analysis/read-input.ts";
import { findings } from "./findings.ts";
import { pCell } from "./format.ts";
import { projectDealComparison } from "./project-deal-comparison.ts";
import { terminalSummary } from "./terminal-summary.ts";

const STRONG = "engine:strong";
const WEAK = "engine:weak";

function input(deals: DealRecord[]): AnalysisInput {
  const ids = [...new Set(deals.map((deal) => deal.arm))].sort();
  return {
    kind: "deals-file",
    path: "/tmp/deals.csv",
    name: "tiny",
    currency: "USD",
    arms: ids.map((id) => ({
      id,
      arm: id,
      repetition: 1,
      records: { deals: deals.filter((deal) => deal.arm === id), listings: [], wants: [] },
    })),
  };
}

describe("too few to tell", () => {
  it("gives no interval, no p-value and no confident words for four deals of two items", async () => {
    // Two items, each sold by a strong seller in one arm and a weak one in the other, 11.1% apart.
    const deals: DealRecord[] = [];
    for (const [i, base] of [
      [1, 900],
      [2, 1800],
    ] as const) {
      deals.push({
        arm: "A",
        item: `s${i}/x`,
        seller: `s${i}`,
        buyer: `b${i}`,
        sellerTier: STRONG,
        buyerTier: WEAK,
        price: Math.round(base * 1.111),
      });
      deals.push({
        arm: "B",
        item: `s${i}/x`,
        seller: `s${i}`,
        buyer: `c${i}`,
        sellerTier: WEAK,
        buyerTier: WEAK,
        price: base,
      });
    }
    const results = await analyzeRecords(input(deals), {
      bootstrap: 200,
      permutations: 200,
      reference: WEAK,
    });
    const seller = results.tierEffects.contrasts.find((c) => c.side === "seller")!;
    expect(seller.tooFew).toContain("2 items sold under both tiers");
    expect(seller.percent.low).toBeUndefined();
    expect(seller.percent.high).toBeUndefined();
    expect(seller.pValue).toBeUndefined();
    const text = findings(results)
      .filter((f) => f.topic === "tiers")
      .map((f) => f.text)
      .join(" ");
    expect(text).toContain(
      "Strong sellers against weak sellers: too few to tell (2 items sold under both tiers",
    );
    expect(text).not.toMatch(/95% CI|no interval includes zero/);
    expect(terminalSummary(results, findings(results))).toContain("too few to tell");
  });

  it("does not call 4 people against 4 (2 and 2 an arm) a clear difference in deals per person", async () => {
    // Items sold in both mixed arms, so the prices compare too; four people, two of each tier per arm.
    const deals: DealRecord[] = [];
    const tiers: Record<string, Record<string, string>> = {
      A: { p1: STRONG, p2: STRONG, p3: WEAK, p4: WEAK },
      B: { p1: WEAK, p2: WEAK, p3: STRONG, p4: STRONG },
    };
    for (const arm of ["A", "B"]) {
      const t = tiers[arm]!;
      const pairs: [string, string, number][] = [
        ["p1", "p3", 1000],
        ["p2", "p4", 2000],
        ["p3", "p1", 1500],
        ["p4", "p2", 1200],
        ...(arm === "A" ? ([["p1", "p2", 800]] as [string, string, number][]) : []),
      ];
      for (const [s, b, price] of pairs)
        deals.push({
          arm,
          item: `${s}/${b}`,
          seller: s,
          buyer: b,
          sellerTier: t[s]!,
          buyerTier: t[b]!,
          price: t[s] === STRONG ? price + 100 : price,
        });
    }
    const results = await analyzeRecords(input(deals), { bootstrap: 200, permutations: 200 });
    const rate = results.dealRates[0]!;
    expect(rate.tooFew).toBe(
      "4 and 4 different people in the mixed markets; at least 5 of each tier are needed",
    );
    expect(rate.interval).toEqual({});
    expect(rate.p).toBeUndefined();
    const text = findings(results)
      .map((f) => f.text)
      .join(" ");
    expect(text).not.toMatch(/no interval includes zero|All three point the same way/);
    expect(text).toContain("There are too few data to tell any of the three.");
    expect(text).toContain("too few to tell whether they differ (4 and 4 different people");
  });

  it("leaves an effect with too few data out of the verdict against Project Deal, and names it", () => {
    const contrast = (side: "seller" | "buyer", tooFew?: string) => ({
      side,
      tier: STRONG,
      reference: WEAK,
      percent: tooFew ? { estimate: 0.3 } : { estimate: 0.1, low: 0.05, high: 0.15 },
      cents: { estimate: 200 },
      deals: 50,
      adjusted: true,
      ...(tooFew ? { tooFew } : {}),
    });
    const results = {
      tierEffects: { contrasts: [contrast("seller", "3 items sold under both tiers"), contrast("buyer")] },
      dealRates: [
        {
          tier: STRONG,
          reference: WEAK,
          persons: 30,
          referencePersons: 30,
          perPerson: 3,
          referencePerPerson: 2.5,
          difference: 0.5,
          interval: { low: 0.1, high: 0.9 },
        },
      ],
    } as unknown as AnalysisResults;
    const [finding] = projectDealComparison(results);
    expect(finding!.text).toContain(
      "strong sellers' premium: too few to tell (3 items sold under both tiers)",
    );
    expect(finding!.text).toContain(
      "Both buyers and deals point the same way, and no interval includes zero. Too few to tell: sellers.",
    );
  });
});

describe("counts and p-values in words", () => {
  it("says '1 arm, 1 deal', never 'arm(s)' or '1 deals'", async () => {
    const deal: DealRecord = {
      arm: "A",
      item: "s1/x",
      seller: "s1",
      buyer: "b1",
      sellerTier: STRONG,
      buyerTier: WEAK,
      price: 1_000,
    };
    const results = await analyzeRecords(input([deal]), { bootstrap: 20, permutations: 20 });
    const summary = terminalSummary(results, findings(results));
    expect(summary).toContain("tiny: 1 arm, 1 deal");
    expect(summary).not.toMatch(/arm\(s\)|\b1 deals\b/);
  });

  it("writes a p-value in a table as the findings do: '< 0.001', never '0.000' or '0.001' for less", () => {
    expect(pCell(0.0004)).toBe("< 0.001");
    expect(pCell(0.00099)).toBe("< 0.001");
    expect(pCell(0.001)).toBe("0.001");
    expect(pCell(0.0234)).toBe("0.023");
  });
});
