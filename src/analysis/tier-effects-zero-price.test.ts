import { describe, expect, it } from "vitest";
import type { DealRecord } from "./deal-record.ts";
import { tierEffects } from "./tier-effects.ts";

describe("tierEffects with sales at a price of 0", () => {
  it("does not claim that no item sold twice when a $0 sale hides the repeat", () => {
    // Every item sold in both arms, but one of its two sales was free.
    const deals: DealRecord[] = [];
    for (let i = 0; i < 12; i++) {
      const common = { item: `s${i}/i`, seller: `s${i}`, buyer: `b${i}`, askingPrice: 1000 };
      deals.push({ ...common, arm: "A", sellerTier: "strong", buyerTier: "weak", price: 900 + i });
      deals.push({ ...common, arm: "B", sellerTier: "weak", buyerTier: "strong", price: 0 });
    }
    const effects = tierEffects(deals, { bootstrap: 50, permutations: 50 });
    const notes = effects.notes.join(" ");
    expect(notes).not.toMatch(/No item sold more than once \(one market\)/);
    expect(notes).toContain("12 deals at a price of 0 are left out of the tier comparison");
    expect(notes).toContain("No item sold more than once at a price above 0");
  });
});
