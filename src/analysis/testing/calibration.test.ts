import { describe, expect, it } from "vitest";
import { chanceInBand, verdict, wilson } from "./calibration.ts";

describe("calibration verdicts", () => {
  it("gives Wilson's score interval", () => {
    // 367/400: the seed-2 seller coverage of the earlier benchmark.
    const w = wilson(367, 400);
    expect(w.low).toBeCloseTo(0.8864, 3);
    expect(w.high).toBeCloseTo(0.9407, 3);
    expect(wilson(0, 10).low).toBeCloseTo(0, 12);
    expect(wilson(10, 10).high).toBeCloseTo(1, 12);
  });

  it("says met inside the band, missed only when the interval excludes it", () => {
    expect(verdict(950, 1000, [0.93, 0.97])).toBe("met");
    // 91.8% of 400: outside the band, but its interval reaches 94.1%.
    expect(verdict(367, 400, [0.93, 0.97])).toBe("unclear");
    // 91.0% of 1000: its interval (89.1% to 92.6%) is wholly below 93%.
    expect(verdict(910, 1000, [0.93, 0.97])).toBe("missed");
    expect(verdict(36, 1000, [0.04, 0.06])).toBe("unclear");
    expect(verdict(20, 1000, [0.04, 0.06])).toBe("missed");
  });

  it("computes an exactly calibrated estimator's chance of met", () => {
    expect(chanceInBand(1000, 0.95, [0.93, 0.97])).toBeGreaterThan(0.99);
    expect(chanceInBand(400, 0.95, [0.93, 0.97])).toBeGreaterThan(0.9);
    expect(chanceInBand(400, 0.95, [0.93, 0.97])).toBeLessThan(0.97);
    expect(chanceInBand(1000, 0.04995, [0.04, 0.06])).toBeLessThan(0.9);
    expect(chanceInBand(2000, 0.04995, [0.04, 0.06])).toBeGreaterThan(0.95);
  });
});
