import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { concessionShare, negotiationTime, timeTarget } from "./time-tactic.ts";

describe("time-dependent tactics", () => {
  it("starts at the anchor and ends at the limit", () => {
    for (const e of [0.2, 1, 3]) {
      expect(timeTarget(0, { anchor: 10_000, limit: 6_000 }, { e, k: 0 })).toBe(10_000);
      expect(timeTarget(1, { anchor: 10_000, limit: 6_000 }, { e, k: 0 })).toBe(6_000);
    }
  });

  it("Boulware holds, Conceder gives early, linear in between", () => {
    const at = (e: number) => timeTarget(0.5, { anchor: 10_000, limit: 6_000 }, { e, k: 0 });
    expect(at(0.2)).toBeGreaterThan(at(1));
    expect(at(1)).toBe(8_000);
    expect(at(3)).toBeLessThan(at(1));
  });

  it("concedes monotonically in time, never past the limit", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (e, k, a, b) => {
          const [early, late] = a <= b ? [a, b] : [b, a];
          expect(concessionShare(early, { e, k })).toBeLessThanOrEqual(
            concessionShare(late, { e, k }) + 1e-12,
          );
          expect(concessionShare(late, { e, k })).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it("measures time in own offers against a deadline", () => {
    expect(negotiationTime(0, 10)).toBe(0);
    expect(negotiationTime(5, 10)).toBe(0.5);
    expect(negotiationTime(12, 10)).toBe(1);
  });
});
