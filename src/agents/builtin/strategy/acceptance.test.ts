import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AcceptanceRule, shouldAccept } from "./acceptance.ts";

const base = {
  role: "seller" as const,
  limit: 6_000,
  nextPrice: 8_000,
  t: 0.5,
  theirPrices: [7_000],
  lastChance: false,
};

describe("acceptance rules", () => {
  it("AC_next accepts an offer at least as good as our next one", () => {
    expect(shouldAccept({ kind: "next" }, { ...base, offer: 8_000 })).toBe(true);
    expect(shouldAccept({ kind: "next" }, { ...base, offer: 7_900 })).toBe(false);
  });

  it("AC_combi also takes their best recent offer near the deadline", () => {
    const rule: AcceptanceRule = { kind: "combi", from: 0.85, window: 3 };
    const late = { ...base, t: 0.9, theirPrices: [6_500, 7_000, 7_200], offer: 7_200 };
    expect(shouldAccept(rule, { ...late, t: 0.5 })).toBe(false);
    expect(shouldAccept(rule, late)).toBe(true);
    expect(shouldAccept(rule, { ...late, theirPrices: [7_400, 7_000, 7_200] })).toBe(false);
  });

  it("the weak rule takes the first offer inside the limit", () => {
    expect(shouldAccept({ kind: "first-within-limit" }, { ...base, offer: 6_000 })).toBe(true);
    expect(shouldAccept({ kind: "first-within-limit" }, { ...base, offer: 5_999 })).toBe(false);
  });

  it("no rule ever accepts outside the limit, not even at the last chance", () => {
    const rules: AcceptanceRule[] = [
      { kind: "next" },
      { kind: "combi", from: 0, window: 1 },
      { kind: "first-within-limit" },
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...rules),
        fc.constantFrom("seller" as const, "buyer" as const),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.boolean(),
        (rule, role, offer, limit, nextPrice, lastChance) => {
          const accepted = shouldAccept(rule, {
            role,
            offer,
            limit,
            nextPrice,
            t: 1,
            theirPrices: [offer],
            lastChance,
          });
          if (accepted) expect(role === "seller" ? offer >= limit : offer <= limit).toBe(true);
        },
      ),
    );
  });
});
