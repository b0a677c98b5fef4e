import { describe, expect, it } from "vitest";
import { analyzeRecords } from "./analyze.ts";
import type { AnalysisInput } from "./read-input.ts";
import { STRONG, syntheticExperiment, WEAK } from "./testing/synthetic.ts";

function input(seed = 5): AnalysisInput {
  return {
    kind: "experiment",
    path: "/tmp/x",
    name: "synthetic",
    seed,
    currency: "USD",
    arms: syntheticExperiment({ seed, people: 30, sellerPremium: 0.15, buyerDiscount: 0.1 }),
  };
}

describe("analyzeRecords", async () => {
  const results = await analyzeRecords(input(), { bootstrap: 200, permutations: 200 });

  it("counts listings, deals and volume per arm", () => {
    expect(results.arms).toHaveLength(3);
    for (const arm of results.arms) {
      expect(arm.listings).toBe(150);
      expect(arm.deals).toBeGreaterThan(10);
      expect(arm.volume).toBeGreaterThan(0);
      expect(arm.saleRate!).toBeGreaterThan(0);
    }
    expect(results.arms[0]!.tiers).toEqual({ [STRONG]: 30 });
  });

  it("compares strong with weak, and gives deals per person by tier", () => {
    expect(results.meta.reference).toBe(WEAK);
    const seller = results.tierEffects.contrasts.find((c) => c.side === "seller")!;
    expect(seller.tier).toBe(STRONG);
    expect(seller.percent.estimate).toBeGreaterThan(0);
    const all = results.participation.filter((row) => row.arm === "all");
    expect(all.map((row) => row.tier).sort()).toEqual([STRONG, WEAK]);
    expect(all.reduce((sum, row) => sum + row.dealsAsSeller, 0)).toBe(results.meta.deals);
  });

  it("finds the realised surplus at or below the best possible, per arm", () => {
    expect(results.efficiency).toHaveLength(3);
    for (const arm of results.efficiency) {
      expect(arm.exact).toBe(true);
      expect(arm.realisedSurplus).toBeLessThanOrEqual(arm.bestSurplus);
      expect(arm.efficiency!).toBeGreaterThan(0);
      expect(arm.efficiency!).toBeLessThanOrEqual(1);
    }
  });

  it("computes surplus shares that add to one per deal", () => {
    const { shares } = results.surplusShares;
    expect(shares.length).toBe(2 * results.surplusShares.dealsCounted);
    for (let i = 0; i < shares.length; i += 2)
      expect(shares[i]!.share + shares[i + 1]!.share).toBeCloseTo(1, 9);
    expect(results.surplusShares.byTier.length).toBe(4);
  });

  it("compares the same item across arms and groups personas", () => {
    expect(results.sameItem.itemsSoldInSeveralArms).toBeGreaterThan(0);
    const top = results.sameItem.examples[0]!;
    expect(top.highest.price - top.lowest.price).toBe(top.gap);
    expect(results.persona.some((p) => p.group === "none")).toBe(true);
    expect(results.persona.some((p) => p.group === "lowball-aggressive")).toBe(true);
  });

  it("is deterministic for a seed", async () => {
    const again = await analyzeRecords(input(), { bootstrap: 200, permutations: 200 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(results));
  });
});
