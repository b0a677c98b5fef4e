import { describe, expect, it } from "vitest";
import { createRng } from "../domain/random.ts";
import { dealRateContrasts } from "./deal-rates.ts";
import type { ArmRecords, DealRecord } from "./deal-record.ts";
import type { ArmInput } from "./read-input.ts";

/** A mixed market of `people` where strong people get `strongExtra` more chances to deal. */
function market(seed: number, people: number, strongExtra: number): ArmInput {
  const rng = createRng(seed);
  const tier = (i: number) => (i % 2 === 0 ? "engine:strong" : "engine:weak");
  const deals: DealRecord[] = [];
  for (let i = 0; i < people; i++) {
    const chances = 4 + (tier(i) === "engine:strong" ? strongExtra : 0);
    for (let k = 0; k < chances; k++) {
      if (rng.next() < 0.5) continue;
      const other = (i + 1 + rng.int(0, people - 2)) % people;
      deals.push({
        arm: "m",
        item: `${i}/${k}`,
        seller: `p${i}`,
        buyer: `p${other}`,
        sellerTier: tier(i),
        buyerTier: tier(other),
        price: 1000,
      });
    }
  }
  const wants = Array.from({ length: people }, (_, i) => ({
    arm: "m",
    buyer: `p${i}`,
    buyerTier: tier(i),
    wantId: "w",
    description: "x",
    keywords: [],
    maxPrice: 1,
    budget: 1,
  }));
  const records: ArmRecords = { deals, listings: [], wants };
  return { id: "m", arm: "m", repetition: 1, records } as ArmInput;
}

describe("dealRateContrasts", () => {
  it("finds a planted difference in deals per person, with an interval that covers it", () => {
    const [rate] = dealRateContrasts([market(3, 400, 2)], "engine:weak", {
      seed: 1,
      bootstrap: 300,
      permutations: 300,
    });
    // Two extra chances at one half each: one more deal per strong person, as seller.
    expect(rate!.difference).toBeGreaterThan(0.5);
    expect(rate!.interval.low!).toBeLessThan(1);
    expect(rate!.interval.high!).toBeGreaterThan(1);
    expect(rate!.p!).toBeLessThan(0.01);
  });

  it("is not significant at more than the nominal rate when there is no difference", () => {
    let significant = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const [rate] = dealRateContrasts([market(seed, 60, 0)], "engine:weak", {
        seed,
        bootstrap: 0,
        permutations: 200,
      });
      if (rate!.p! < 0.05) significant++;
    }
    expect(significant / 60).toBeLessThanOrEqual(0.12);
  });

  it("ignores arms where everyone is on one tier", () => {
    const arm = market(1, 20, 0);
    const single = {
      ...arm,
      records: {
        ...arm.records,
        deals: arm.records.deals.map((d) => ({
          ...d,
          sellerTier: "engine:strong",
          buyerTier: "engine:strong",
        })),
        wants: arm.records.wants.map((w) => ({ ...w, buyerTier: "engine:strong" })),
      },
    };
    expect(dealRateContrasts([single], "engine:weak", { seed: 1, bootstrap: 10, permutations: 10 })).toEqual(
      [],
    );
  });
});
