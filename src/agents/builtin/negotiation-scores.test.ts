import { describe, expect, it } from "vitest";
import { scoreNegotiation } from "./negotiation-scores.ts";

describe("scoreNegotiation", () => {
  it("splits the zone between the sides on a deal", () => {
    expect(scoreNegotiation({ reserve: 6_000, buyerLimit: 10_000, price: 9_000 })).toEqual({
      dealPossible: true,
      sellerAdvantage: 0.75,
      buyerAdvantage: 0.25,
      nashProduct: 0.1875,
      nashDistance: Math.hypot(0.25, 0.25),
    });
  });

  it("scores the midpoint as the Nash point", () => {
    const scores = scoreNegotiation({ reserve: 6_000, buyerLimit: 10_000, price: 8_000 });
    expect(scores.nashProduct).toBe(0.25);
    expect(scores.nashDistance).toBe(0);
  });

  it("gives both sides nothing when a possible deal is missed", () => {
    expect(scoreNegotiation({ reserve: 6_000, buyerLimit: 10_000 })).toMatchObject({
      sellerAdvantage: 0,
      buyerAdvantage: 0,
      nashProduct: 0,
    });
  });

  it("leaves scores undefined when no deal is possible", () => {
    expect(scoreNegotiation({ reserve: 6_000, buyerLimit: 5_000 })).toMatchObject({
      dealPossible: false,
      sellerAdvantage: null,
    });
  });
});
