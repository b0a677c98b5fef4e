import { describe, expect, it } from "vitest";
import { createRng } from "../domain/random.ts";
import { type PersonArmDeals, withinPersonContrast } from "./within-person-deals.ts";

/**
 * Two mixed arms of the same people. How much each person trades differs a lot (0 to 8 deals), and
 * each arm draws tiers afresh; being strong adds `effect` deals on average.
 */
function arms(seed: number, people: number, effect: number): PersonArmDeals[] {
  const rng = createRng(seed);
  const base = Array.from({ length: people }, () => rng.int(0, 8));
  const records: PersonArmDeals[] = [];
  for (const arm of ["C", "D"]) {
    for (let i = 0; i < people; i++) {
      const strong = rng.next() < 0.5;
      const noise = rng.int(-1, 1);
      const deals = Math.max(0, base[i]! + noise + (strong ? effect : 0));
      records.push({ arm, person: `p${i}`, tier: strong ? "engine:strong" : "engine:weak", deals });
    }
  }
  return records;
}

const options = { seed: 1, bootstrap: 400, permutations: 400 };

describe("withinPersonContrast", () => {
  it("recovers a planted effect, with an interval that covers it", () => {
    let covered = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const result = withinPersonContrast(arms(seed, 69, 1), "engine:strong", "engine:weak", options)!;
      expect(result.people).toBeGreaterThan(20);
      if (result.interval.low! <= 1 && 1 <= result.interval.high!) covered++;
    }
    // A 95% interval should miss in about one draw of twenty.
    expect(covered).toBeGreaterThanOrEqual(16);
  });

  it("is significant at no more than the nominal rate when there is no effect", () => {
    let significant = 0;
    const runs = 150;
    for (let seed = 1; seed <= runs; seed++) {
      const result = withinPersonContrast(arms(seed, 69, 0), "engine:strong", "engine:weak", {
        seed,
        bootstrap: 0,
        permutations: 200,
      })!;
      if (result.p! < 0.05) significant++;
    }
    expect(significant / runs).toBeLessThanOrEqual(0.08);
  });

  it("takes each arm's mean off, so a busier arm favours neither tier", () => {
    // Everyone trades 3 more deals in arm D, and twice as many people are strong there as in C.
    const records: PersonArmDeals[] = [];
    for (let i = 0; i < 60; i++) {
      const strongInD = i < 40;
      const base = i % 7;
      records.push({
        arm: "C",
        person: `p${i}`,
        tier: strongInD ? "engine:weak" : "engine:strong",
        deals: base,
      });
      records.push({
        arm: "D",
        person: `p${i}`,
        tier: strongInD ? "engine:strong" : "engine:weak",
        deals: base + 3,
      });
    }
    const result = withinPersonContrast(records, "engine:strong", "engine:weak", options)!;
    expect(result.people).toBe(60);
    expect(result.difference).toBeCloseTo(0, 10);
  });

  it("gives no estimate when too few people were on both tiers", () => {
    const records: PersonArmDeals[] = [
      { arm: "C", person: "a", tier: "engine:strong", deals: 3 },
      { arm: "D", person: "a", tier: "engine:weak", deals: 2 },
    ];
    expect(withinPersonContrast(records, "engine:strong", "engine:weak", options)).toBeUndefined();
  });
});
