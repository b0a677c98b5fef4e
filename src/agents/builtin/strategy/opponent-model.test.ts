import { describe, expect, it } from "vitest";
import { modelOpponent } from "./opponent-model.ts";

describe("modelOpponent", () => {
  it("reads a buyer's rising offers: best, pace and where it is heading", () => {
    const model = modelOpponent([5_000, 6_000, 6_800, 7_400], {
      direction: 1,
      remaining: 4,
      ourOpening: 10_000,
    });
    expect(model.best).toBe(7_400);
    expect(model.concessionPerOffer).toBeCloseTo((1_000 + 800 + 600) / 3);
    expect(model.trend).toBeLessThan(1);
    expect(model.predictedFinal!).toBeGreaterThan(7_400);
    expect(model.predictedFinal!).toBeLessThan(7_400 + 4 * 600);
    expect(model.concededShare).toBeCloseTo(0.48);
  });

  it("notices a stalled opponent and predicts it stays put", () => {
    const model = modelOpponent([9_000, 8_000, 8_000, 8_000], { direction: -1, remaining: 5 });
    expect(model.stalled).toBe(true);
    expect(model.best).toBe(8_000);
    expect(model.predictedFinal!).toBeLessThan(8_000);
    expect(model.predictedFinal!).toBeGreaterThan(7_800);
  });

  it("lets a stated ceiling pull the prediction back, as far as it is trusted", () => {
    const free = modelOpponent([5_000, 6_000], { direction: 1, remaining: 6 });
    const told = modelOpponent([5_000, 6_000], {
      direction: 1,
      remaining: 6,
      statedBound: 6_500,
      trustInWords: 1,
    });
    expect(told.predictedFinal).toBe(6_500);
    expect(told.predictedFinal!).toBeLessThan(free.predictedFinal!);
  });

  it("knows nothing before the first offer", () => {
    expect(modelOpponent([], { direction: 1, remaining: 10 })).toMatchObject({ offers: 0, stalled: false });
  });
});
