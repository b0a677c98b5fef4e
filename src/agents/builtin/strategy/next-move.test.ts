import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LeverageFacts } from "./leverage.ts";
import {
  type Decision,
  holdBackMargin,
  nextMove,
  nextPrice,
  openingPrice,
  type Situation,
} from "./next-move.ts";
import { TIER_NAMES, TIERS, type TierName } from "./tiers.ts";

const facts = (askingPrice: number, extra: Partial<LeverageFacts> = {}): LeverageFacts => ({
  flaws: [],
  condition: "good",
  askingPrice,
  theyAreUrgent: false,
  otherInterest: false,
  ...extra,
});

interface Duel {
  agreed: boolean;
  price?: number;
  sellerPrices: number[];
  buyerPrices: number[];
  decisions: { role: "seller" | "buyer"; decision: Decision }[];
}

/** Two strategies alternate (buyer first) without the engine: enough to check the strategy's own rules. */
function duel(options: {
  seller: TierName;
  buyer: TierName;
  asking: number;
  reserve: number;
  max: number;
  cap?: number;
  flaws?: string[];
}): Duel {
  const cap = options.cap ?? 12;
  const sellerPrices: number[] = [];
  const buyerPrices: number[] = [];
  const decisions: Duel["decisions"] = [];
  const situation = (role: "seller" | "buyer"): Situation => {
    const mine = role === "seller" ? sellerPrices : buyerPrices;
    const theirs = role === "seller" ? buyerPrices : sellerPrices;
    return {
      role,
      tier: TIERS[role === "seller" ? options.seller : options.buyer],
      limit: role === "seller" ? options.reserve : options.max,
      askingPrice: options.asking,
      myPrices: [...mine],
      theirPrices: [...theirs],
      ...(theirs.length > 0 ? { theirOpenOffer: theirs.at(-1)! } : {}),
      myOfferCount: mine.length,
      cap,
      facts: facts(options.asking, { flaws: options.flaws ?? [] }),
      secrets: role === "seller" ? [options.reserve] : [options.max],
    };
  };
  let role: "seller" | "buyer" = "buyer";
  for (let turn = 0; turn < 2 * cap + 2; turn++) {
    const decision = nextMove(situation(role));
    decisions.push({ role, decision });
    if (decision.action === "accept")
      return { agreed: true, price: decision.price, sellerPrices, buyerPrices, decisions };
    if (decision.action === "walk-away") break;
    (role === "seller" ? sellerPrices : buyerPrices).push(decision.price);
    role = role === "seller" ? "buyer" : "seller";
  }
  return { agreed: false, sellerPrices, buyerPrices, decisions };
}

const scenario = fc
  .record({
    asking: fc.integer({ min: 500, max: 50_000 }),
    reserveShare: fc.double({ min: 0.3, max: 1, noNaN: true }),
    maxShare: fc.double({ min: 0.2, max: 1.3, noNaN: true }),
    seller: fc.constantFrom(...TIER_NAMES),
    buyer: fc.constantFrom(...TIER_NAMES),
    flaws: fc.array(fc.constantFrom("scratch", "dent"), { maxLength: 2 }),
  })
  .map(({ asking, reserveShare, maxShare, ...rest }) => ({
    ...rest,
    asking,
    reserve: Math.max(1, Math.round(asking * reserveShare)),
    max: Math.max(1, Math.round(asking * maxShare)),
  }));

describe("nextMove", () => {
  it("never offers beyond its limit and never goes back on a concession", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = duel(s);
        for (const price of result.sellerPrices) expect(price).toBeGreaterThanOrEqual(s.reserve);
        for (const price of result.buyerPrices) expect(price).toBeLessThanOrEqual(s.max);
        for (const price of [...result.sellerPrices, ...result.buyerPrices])
          expect(price).toBeLessThanOrEqual(s.asking);
        for (let i = 1; i < result.sellerPrices.length; i++) {
          expect(result.sellerPrices[i]!).toBeLessThanOrEqual(result.sellerPrices[i - 1]!);
        }
        for (let i = 1; i < result.buyerPrices.length; i++) {
          expect(result.buyerPrices[i]!).toBeGreaterThanOrEqual(result.buyerPrices[i - 1]!);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("accepts only within its limit, so every agreement lies in the zone of agreement", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = duel(s);
        if (result.agreed) {
          expect(result.price!).toBeGreaterThanOrEqual(s.reserve);
          expect(result.price!).toBeLessThanOrEqual(s.max);
        }
        if (s.max < s.reserve) expect(result.agreed).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it("offers exactly its limit only at its deadline, and no other secret number ever", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = duel(s);
        const sellerDeadline = TIERS[s.seller].deadline;
        const buyerDeadline = TIERS[s.buyer].deadline;
        result.sellerPrices.forEach((price, i) => {
          // A reserve equal to the asking price leaves nothing else to offer, and that number is public.
          if (price === s.reserve && s.reserve !== s.asking)
            expect(i + 1).toBeGreaterThanOrEqual(sellerDeadline);
        });
        result.buyerPrices.forEach((price, i) => {
          if (price === s.max) expect(i + 1).toBeGreaterThanOrEqual(buyerDeadline);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("reaches a deal in a zone of agreement one price wide", () => {
    for (const tier of ["strong", "boulware", "linear"] as const) {
      expect(duel({ seller: tier, buyer: tier, asking: 5_500, reserve: 3_200, max: 3_200 }).price).toBe(
        3_200,
      );
    }
  });

  it("stays within the engine's cap of offers", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = duel({ ...s, cap: 12 });
        expect(result.sellerPrices.length).toBeLessThanOrEqual(12);
        expect(result.buyerPrices.length).toBeLessThanOrEqual(12);
      }),
    );
  });

  it("the strong tier reaches a deal whenever one is possible against every tier", () => {
    for (const other of TIER_NAMES) {
      for (const [reserve, max] of [
        [6_000, 9_000],
        [7_000, 7_600],
        [5_000, 10_000],
      ] as const) {
        expect(
          duel({ seller: "strong", buyer: other, asking: 10_000, reserve, max }).agreed,
          `vs ${other}`,
        ).toBe(true);
        expect(
          duel({ seller: other, buyer: "strong", asking: 10_000, reserve, max }).agreed,
          `vs ${other}`,
        ).toBe(true);
      }
    }
  });

  it("the weak tier accepts the first offer inside its limit", () => {
    const result = duel({ seller: "strong", buyer: "weak", asking: 10_000, reserve: 6_000, max: 12_000 });
    expect(result.agreed).toBe(true);
    expect(result.buyerPrices).toHaveLength(1);
    expect(result.price).toBe(10_000);
  });

  it("strong sells higher and buys lower than weak against the same opponent", () => {
    const cases = { asking: 10_000, reserve: 6_000, max: 9_000 };
    const strongSells = duel({ ...cases, seller: "strong", buyer: "weak" }).price!;
    const weakSells = duel({ ...cases, seller: "weak", buyer: "weak" }).price!;
    const strongBuys = duel({ ...cases, seller: "weak", buyer: "strong" }).price!;
    expect(strongSells).toBeGreaterThan(weakSells);
    expect(strongBuys).toBeLessThan(weakSells);
  });

  it("moves off a secret number below the asking price, never above it", () => {
    // The owner's other numbers (a want's max, the budget left) can equal an item's asking price.
    for (const tier of ["strong", "weak"] as const) {
      const seller = {
        role: "seller",
        tier: TIERS[tier],
        limit: 650,
        askingPrice: 1_000,
        myPrices: [],
        theirPrices: [],
        myOfferCount: 0,
        cap: 12,
        secrets: [650, 1_000],
        facts: facts(1_000),
      } as const;
      expect(nextPrice(seller)).toBe(999);
      expect(nextPrice({ ...seller, myPrices: [999], theirPrices: [700], myOfferCount: 1 })).toBeLessThan(
        1_000,
      );
    }
  });

  it("a strong buyer opens lower on a flawed item and says why", () => {
    const base = {
      role: "buyer",
      tier: TIERS.strong,
      limit: 9_000,
      askingPrice: 10_000,
      myPrices: [],
      theirPrices: [],
      myOfferCount: 0,
      cap: 12,
      secrets: [9_000],
    } as const;
    const plain = openingPrice({ ...base, facts: facts(10_000) });
    const flawed = openingPrice({ ...base, facts: facts(10_000, { flaws: ["cracked screen"] }) });
    expect(flawed).toBeLessThan(plain);
    const move = nextMove({ ...base, facts: facts(10_000, { flaws: ["cracked screen"] }) });
    expect(move.leverage).toContain("flaw");
  });

  it("a weak buyer anchors on the asking price; a strong one does not", () => {
    const base = {
      role: "buyer",
      limit: 20_000,
      askingPrice: 10_000,
      myPrices: [],
      theirPrices: [],
      myOfferCount: 0,
      cap: 12,
      secrets: [],
      facts: facts(10_000),
    } as const;
    expect(openingPrice({ ...base, tier: TIERS.weak })).toBeGreaterThan(
      openingPrice({ ...base, tier: TIERS.strong }) + 1_500,
    );
  });

  it("a strong seller holds longer against a buyer who sounds in a hurry, and says so", () => {
    const base: Situation = {
      role: "seller",
      tier: TIERS.strong,
      limit: 6_000,
      askingPrice: 10_000,
      myPrices: [10_000, 10_000, 9_900, 9_900, 9_800, 9_700],
      theirPrices: [5_000, 5_000, 5_200, 5_200, 5_400, 5_500],
      theirOpenOffer: 5_500,
      myOfferCount: 6,
      cap: 12,
      facts: facts(10_000),
      secrets: [6_000],
    };
    const urgent = { ...base, facts: facts(10_000, { theyAreUrgent: true }) };
    expect(nextPrice(urgent)).toBeGreaterThan(nextPrice(base));
    expect(nextMove(urgent).leverage).toContain("urgency");
  });

  it("the weak tier believes a stated ceiling; the strong tier is not moved by it", () => {
    const base: Situation = {
      role: "seller",
      tier: TIERS.weak,
      limit: 6_000,
      askingPrice: 10_000,
      myPrices: [10_000],
      theirPrices: [5_000, 5_500],
      myOfferCount: 1,
      cap: 12,
      facts: facts(10_000),
      secrets: [6_000],
    };
    expect(nextPrice({ ...base, theirStatedBound: 7_000 })).toBe(7_000);
    const strong = { ...base, tier: TIERS.strong };
    expect(nextPrice({ ...strong, theirStatedBound: 7_000 })).toBe(nextPrice(strong));
  });

  it("a strong buyer meets a seller who stands still inside its limit: one step under, then its price", () => {
    const standing: Situation = {
      role: "buyer",
      tier: TIERS.strong,
      limit: 5_000,
      askingPrice: 4_500,
      myPrices: [2_000, 2_000, 2_100],
      theirPrices: [3_700, 3_700, 3_700],
      theirOpenOffer: 3_700,
      myOfferCount: 3,
      cap: 12,
      facts: facts(4_500),
      secrets: [5_000],
    };
    expect(nextMove(standing)).toMatchObject({ action: "offer", price: 3_600 });
    const refused = {
      ...standing,
      myPrices: [...standing.myPrices, 3_600],
      theirPrices: [...standing.theirPrices, 3_700],
      myOfferCount: 4,
    };
    expect(nextMove(refused)).toMatchObject({ action: "accept", price: 3_700 });
    // No floor is read from a seller still moving, by a tier that does not read it, or above the limit.
    const curve = (situation: Situation) => nextMove(situation) as Extract<Decision, { action: "offer" }>;
    expect(curve({ ...standing, theirPrices: [3_900, 3_800, 3_700] }).price).toBeLessThan(3_000);
    expect(curve({ ...standing, tier: { ...TIERS.strong, takesStandstill: false } }).price).toBeLessThan(
      3_000,
    );
    expect(curve({ ...standing, limit: 3_500, secrets: [3_500] }).price).toBeLessThan(3_500);
  });

  it("walks away at the cap when no offer is acceptable", () => {
    const result = duel({
      seller: "boulware",
      buyer: "boulware",
      asking: 10_000,
      reserve: 8_000,
      max: 7_000,
    });
    expect(result.agreed).toBe(false);
    expect(result.decisions.at(-1)!.decision.action).toBe("walk-away");
  });

  it("puts a price a person wrote into an offer when it would take it", () => {
    const move = nextMove({
      role: "seller",
      tier: TIERS.weak,
      limit: 6_000,
      askingPrice: 10_000,
      myPrices: [10_000],
      theirPrices: [],
      theirWordPrice: 9_500,
      myOfferCount: 1,
      cap: 12,
      facts: facts(10_000),
      secrets: [6_000],
    });
    expect(move).toMatchObject({ action: "offer", price: 9_500, leverage: ["reoffer"] });
  });
});

describe("the margin a tier keeps back from its limit", () => {
  const base = (theirPrices: number[], tier: TierName = "strong", noise = 0.5): Situation => ({
    role: "seller",
    tier: TIERS[tier],
    limit: 8_000,
    askingPrice: 10_000,
    myPrices: [10_000],
    theirPrices,
    myOfferCount: 11,
    cap: 12,
    facts: facts(10_000),
    secrets: [8_000],
    noise,
  });

  it("is the tier's share of its room while they stall far off, scaled by the negotiation's noise", () => {
    expect(holdBackMargin(base([3_000, 3_000]))).toBeCloseTo(0.6 * 2_000);
    expect(holdBackMargin(base([3_000, 3_000], "strong", 0))).toBeCloseTo(0.75 * 0.6 * 2_000);
    expect(holdBackMargin(base([3_000, 3_000], "strong", 1))).toBeCloseTo(1.25 * 0.6 * 2_000);
    expect(holdBackMargin(base([3_000, 3_000], "linear"))).toBe(0);
    // At its deadline the strong seller stays above its reserve, and does not call it its best there.
    const move = nextMove(base([3_000, 3_000]));
    expect(move.action === "offer" && move.price).toBeGreaterThanOrEqual(8_000 + 0.6 * 0.75 * 2_000);
  });

  it("shrinks as their best offer comes to the limit, and is gone within a price step of it", () => {
    const far = holdBackMargin(base([3_000, 7_000]));
    const near = holdBackMargin(base([3_000, 7_800]));
    expect(far).toBeGreaterThan(near);
    expect(near).toBeGreaterThan(0);
    expect(holdBackMargin(base([3_000, 7_900]))).toBe(0);
  });
});
