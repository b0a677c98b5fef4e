import { describe, expect, it } from "vitest";
import { armTotals } from "./arm-totals.ts";
import { syntheticExperiment } from "./testing/synthetic.ts";

describe("armTotals", () => {
  it("gives the median price in whole cents, also for an even number of deals", () => {
    const [arm] = syntheticExperiment({ seed: 3, arms: [{ id: "A", arm: "A", tiers: "mixed" }] });
    const deals = arm!.records.deals
      .slice(0, 2)
      .map((deal, i) => ({ ...deal, price: i === 0 ? 1_000 : 1_549 }));
    const [totals] = armTotals([{ ...arm!, records: { ...arm!.records, deals } }]);
    expect(totals!.medianPrice).toBe(1_275);
    expect(totals!.volume).toBe(2_549);
  });
});
