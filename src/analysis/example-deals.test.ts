import { describe, expect, it } from "vitest";
import type { DealRecord } from "./deal-record.ts";
import { exampleDealPair } from "./example-deals.ts";

const S = "engine:strong";
const W = "engine:weak";
const deal = (arm: string, item: string, sellerTier: string, buyerTier: string, price: number, id: string) =>
  ({
    arm,
    dealId: id,
    item,
    title: item,
    seller: item.split("/")[0]!,
    buyer: `b-${id}`,
    sellerTier,
    buyerTier,
    price,
  }) as DealRecord;

describe("exampleDealPair", () => {
  const deals = [
    // A bike: strong seller +10% over the weak one, both to weak buyers.
    deal("A", "p1/bike", S, W, 11_000, "D1"),
    deal("C", "p1/bike", W, W, 10_000, "D2"),
    // A lamp: +50%, the most striking, but not the typical gap.
    deal("A", "p2/lamp", S, W, 3_000, "D3"),
    deal("C", "p2/lamp", W, W, 2_000, "D4"),
    // A chair: +12%, but to buyers of different tiers, so not a fair pair.
    deal("A", "p3/chair", S, S, 5_600, "D5"),
    deal("C", "p3/chair", W, W, 5_000, "D6"),
  ];

  it("picks the item sold by a strong and a weak seller to the same buyer tier whose gap is nearest the measured premium", () => {
    const pair = exampleDealPair(deals, S, W, 0.12)!;
    expect(pair.item).toBe("p1/bike");
    expect(pair.strong).toMatchObject({ arm: "A", dealId: "D1", price: 11_000, sellerTier: S });
    expect(pair.weak).toMatchObject({ arm: "C", dealId: "D2", price: 10_000, sellerTier: W });
    expect(exampleDealPair(deals, S, W, 0.45)!.item).toBe("p2/lamp");
  });

  it("is the same for the same deals in any order, and absent when no item was sold both ways", () => {
    expect(exampleDealPair([...deals].reverse(), S, W, 0.12)).toEqual(exampleDealPair(deals, S, W, 0.12));
    expect(
      exampleDealPair(
        deals.filter((d) => d.sellerTier === S),
        S,
        W,
        0.12,
      ),
    ).toBeUndefined();
    // Two deals in the same arm are not two markets.
    expect(
      exampleDealPair(
        [deal("A", "p1/bike", S, W, 11_000, "D1"), deal("A", "p1/bike", W, W, 10_000, "D2")],
        S,
        W,
        0.1,
      ),
    ).toBeUndefined();
  });
});
