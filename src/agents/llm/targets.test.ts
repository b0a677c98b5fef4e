import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buyTarget, sellTarget } from "./targets.ts";

describe("targets drawn with a private share", () => {
  it("stay between the limit and the asking price, and differ between agents", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 500, max: 500_000 }),
        fc.double({ min: 0.3, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (asking, share, salt) => {
          const item = { id: "x", askingPrice: asking, reserve: Math.round(asking * share) };
          const target = sellTarget(item, salt);
          expect(target).toBeGreaterThanOrEqual(item.reserve);
          expect(target).toBeLessThanOrEqual(item.askingPrice);
          const want = { id: "w", maxPrice: asking };
          expect(buyTarget(want, salt)).toBeLessThanOrEqual(want.maxPrice);
        },
      ),
      { seed: Number(process.env.FC_SEED ?? 14) },
    );
    const item = { id: "bike", askingPrice: 90_000, reserve: 50_000 };
    const targets = new Set(Array.from({ length: 40 }, (_, salt) => sellTarget(item, salt)));
    // A seen target no longer pins the reserve: the same item gets many targets.
    expect(targets.size).toBeGreaterThan(10);
    // Without a salt, the fixed formula of before.
    expect(sellTarget({ askingPrice: 9_000, reserve: 6_500 })).toBe(8_300);
  });
});
