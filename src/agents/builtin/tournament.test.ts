import { describe, expect, it } from "vitest";
import { createEngineAgent } from "./engine-agent.ts";
import { catalogueScenarios } from "./scenarios.ts";
import type { TierName } from "./strategy/tiers.ts";
import { agentTable, runTournament, type TournamentRun, tierGap } from "./tournament.ts";

const run = (scenario: number, seller: string, buyer: string, price: number): TournamentRun => ({
  scenario,
  seller,
  buyer,
  dealPossible: true,
  agreed: true,
  price,
  askingPrice: 10_000,
  rounds: 3,
  sellerAdvantage: (price - 6_000) / 4_000,
  buyerAdvantage: (10_000 - price) / 4_000,
  nashProduct: 0,
  nashDistance: 0,
  outsideLimits: false,
  leaks: { seller: 0, buyer: 0 },
});

describe("tournament", () => {
  it("plays every spec against every spec in both roles and tabulates them", async () => {
    const specs = ["engine:strong", "engine:weak"];
    const runs = await runTournament({
      specs,
      scenarios: catalogueScenarios(3, 5),
      makeAgent: (spec, context) => createEngineAgent(spec.slice("engine:".length) as TierName, context),
    });
    expect(runs).toHaveLength(3 * 4);
    const table = agentTable(runs, specs);
    expect(table.map((row) => row.spec).sort()).toEqual(specs);
    for (const row of table) {
      expect(row.negotiations).toBe(3 * 4);
      expect(row.violations).toBe(0);
      expect(row.leaks).toBe(0);
    }
  });

  it("measures the strong tier's premium and discount on the same items", () => {
    const runs = [
      run(0, "S", "W", 9_000),
      run(0, "W", "W", 8_000),
      run(0, "W", "S", 7_000),
      run(0, "S", "S", 8_000),
    ];
    const gap = tierGap(runs, "S", "W");
    expect(gap.sellerPremiumVsWeak).toBeCloseTo(1_000 / 8_000);
    expect(gap.buyerDiscountVsWeak).toBeCloseTo(1_000 / 8_000);
    expect(gap.sellerPremiumMixed).toBeCloseTo(2_000 / 15_000);
    expect(gap.buyerDiscountMixed).toBeCloseTo(2_000 / 17_000);
    expect(gap.matrix.S!.W).toEqual({ deals: 1, priceShare: 0.9 });
  });
});
