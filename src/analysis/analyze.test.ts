import { describe, expect, it } from "vitest";
import { analyzeRecords } from "./analyze.ts";
import type { AnalysisInput } from "./read-input.ts";
import { projectDealArms, STRONG, syntheticExperiment, WEAK } from "./testing/synthetic.ts";

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

describe("analyzeRecords: the reference tier", () => {
  const OPUS = "llm:anthropic:claude-opus-4-5";
  const HAIKU = "llm:anthropic:claude-haiku-4-5";
  // Project Deal's design with tiers named by model: strong (Opus) is the most common tier, since two
  // of four arms are all-Opus; a deals file carries no listings, as when tables/deals.csv is renamed.
  const { arms } = projectDealArms({
    seed: 16,
    sellerPremium: 0.12,
    buyerDiscount: 0.08,
    strong: OPUS,
    weak: HAIKU,
  });
  const dealsOnly: AnalysisInput = {
    kind: "deals-file",
    path: "/tmp/deals.csv",
    name: "deals",
    currency: "USD",
    arms: arms.map((arm) => ({ ...arm, records: { deals: arm.records.deals, listings: [], wants: [] } })),
  };

  it("compares Opus against Haiku, not the most common tier against the rarer, and says why", async () => {
    const deals = dealsOnly.arms.flatMap((arm) => arm.records.deals);
    const count = (tier: string) =>
      deals.filter((d) => d.sellerTier === tier).length + deals.filter((d) => d.buyerTier === tier).length;
    expect(count(OPUS)).toBeGreaterThan(2 * count(HAIKU));
    const results = await analyzeRecords(dealsOnly, { bootstrap: 200, permutations: 200 });
    expect(results.meta.reference).toBe(HAIKU);
    expect(results.meta.referenceChoice.source).toBe("design");
    expect(results.meta.referenceChoice.reason).toMatch(/A-all-strong, B-all-strong/);
    const seller = results.tierEffects.contrasts.find((c) => c.side === "seller")!;
    const buyer = results.tierEffects.contrasts.find((c) => c.side === "buyer")!;
    expect([seller.tier, seller.reference]).toEqual([OPUS, HAIKU]);
    expect(seller.percent.estimate).toBeGreaterThan(0);
    expect(buyer.percent.estimate).toBeGreaterThan(0);
    expect(results.dealRates[0]).toMatchObject({ tier: OPUS, reference: HAIKU });
  });

  it("takes --reference over the design and the config's reference: over the design", async () => {
    const named = await analyzeRecords(dealsOnly, { bootstrap: 0, permutations: 0, reference: OPUS });
    expect(named.meta.reference).toBe(OPUS);
    expect(named.meta.referenceChoice.source).toBe("option");
    const configured = await analyzeRecords(
      { ...dealsOnly, reference: OPUS },
      { bootstrap: 0, permutations: 0 },
    );
    expect(configured.meta.referenceChoice).toMatchObject({ source: "config" });
    expect(configured.tierEffects.reference).toBe(OPUS);
  });

  it("refuses, naming the tiers, when only mixed arms leave it ambiguous", async () => {
    const mixedOnly = { ...dealsOnly, arms: dealsOnly.arms.filter((arm) => arm.id.includes("mixed")) };
    await expect(analyzeRecords(mixedOnly, { bootstrap: 0, permutations: 0 })).rejects.toThrow(
      /--reference <tier>.*claude-haiku-4-5, llm:anthropic:claude-opus-4-5/,
    );
  });
});
