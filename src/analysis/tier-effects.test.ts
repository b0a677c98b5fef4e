import { describe, expect, it } from "vitest";
import { createRng } from "../domain/random.ts";
import type { DealRecord } from "./deal-record.ts";
import { normal } from "./stats.ts";
import { projectDealArms, STRONG, syntheticDeals, WEAK } from "./testing/synthetic.ts";
import { tierEffects } from "./tier-effects.ts";

const seller = (effects: ReturnType<typeof tierEffects>) =>
  effects.contrasts.find((c) => c.side === "seller")!;
const buyer = (effects: ReturnType<typeof tierEffects>) => effects.contrasts.find((c) => c.side === "buyer")!;

describe("tierEffects", () => {
  it("recovers a planted +12% seller premium and 8% buyer discount within its 95% interval", () => {
    const deals = syntheticDeals({ seed: 12, items: 150, sellerPremium: 0.12, buyerDiscount: 0.08 });
    const effects = tierEffects(deals, { seed: 3, bootstrap: 500, permutations: 300 });
    expect(effects.reference).toBe(WEAK);
    expect(effects.method).toBe("item-fixed-effects");
    const s = seller(effects);
    expect(s.tier).toBe(STRONG);
    expect(s.adjusted).toBe(true);
    expect(s.percent.low!).toBeLessThanOrEqual(0.12);
    expect(s.percent.high!).toBeGreaterThanOrEqual(0.12);
    expect(s.percent.low!).toBeGreaterThan(0);
    expect(s.pValue!).toBeLessThan(0.01);
    const b = buyer(effects);
    expect(b.percent.low!).toBeLessThanOrEqual(0.08);
    expect(b.percent.high!).toBeGreaterThanOrEqual(0.08);
    expect(b.pValue!).toBeLessThan(0.01);
    expect(s.cents.estimate).toBeGreaterThan(0);
    expect(b.cents.estimate).toBeGreaterThan(0);
  });

  it("covers the planted effect in most of 40 seeds (95% intervals)", () => {
    let covered = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const deals = syntheticDeals({ seed: 1000 + seed, items: 60, sellerPremium: 0.12 });
      const s = seller(tierEffects(deals, { seed, bootstrap: 200, permutations: 0 }));
      if (s.percent.low! <= 0.12 && s.percent.high! >= 0.12) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(33);
  });

  it("with no planted effect, p < 0.05 at no more than the nominal rate over 200 seeds", () => {
    let significant = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const deals = syntheticDeals({ seed: 5000 + seed, items: 40, arms: 4 });
      const s = seller(tierEffects(deals, { seed, bootstrap: 0, permutations: 99 }));
      if (s.pValue! < 0.05) significant++;
    }
    expect(significant / 200).toBeLessThanOrEqual(0.08);
    // And the test is not degenerate (a p-value stuck at 1 would pass the line above).
    expect(significant).toBeGreaterThan(0);
  });

  it("compares each of three tiers with the weak one", () => {
    const rng = createRng(8);
    const tiers = [STRONG, WEAK, "engine:boulware"];
    const premium: Record<string, number> = { [STRONG]: 0.1, [WEAK]: 0, "engine:boulware": 0.05 };
    const deals: DealRecord[] = [];
    for (let i = 0; i < 150; i++) {
      const base = rng.int(1000, 8000);
      for (let a = 0; a < 4; a++) {
        const sellerTier = rng.pick(tiers);
        const buyerTier = rng.pick(tiers);
        const price = Math.round(base * (1 + premium[sellerTier]!) * Math.exp(0.1 * normal(rng)));
        deals.push({
          arm: `a${a}`,
          item: `i${i}`,
          seller: `s${i}`,
          buyer: `b${a}`,
          sellerTier,
          buyerTier,
          price,
        });
      }
    }
    const effects = tierEffects(deals, { seed: 2, bootstrap: 300, permutations: 100 });
    expect(effects.reference).toBe(WEAK);
    const sellers = effects.contrasts.filter((c) => c.side === "seller");
    expect(sellers.map((c) => c.tier)).toEqual(["engine:boulware", STRONG]);
    for (const c of sellers) {
      expect(c.percent.low!).toBeLessThanOrEqual(premium[c.tier]!);
      expect(c.percent.high!).toBeGreaterThanOrEqual(premium[c.tier]!);
    }
    expect(effects.contrasts.filter((c) => c.side === "buyer")).toHaveLength(2);
  });

  it("says when seller and buyer tiers cannot be separated", () => {
    const deals: DealRecord[] = [];
    for (let i = 0; i < 30; i++) {
      for (const [arm, tier, factor] of [
        ["strong", STRONG, 1.1],
        ["weak", WEAK, 1],
      ] as const) {
        deals.push({
          arm,
          item: `i${i}`,
          seller: "s",
          buyer: "b",
          sellerTier: tier,
          buyerTier: tier,
          price: Math.round((1000 + 37 * i) * factor * (1 + ((i * 7) % 5) / 100)),
        });
      }
    }
    const effects = tierEffects(deals, { seed: 1, bootstrap: 100, permutations: 50 });
    expect(effects.contrasts.every((c) => !c.adjusted)).toBe(true);
    expect(effects.notes.join(" ")).toMatch(/move together/);
    expect(seller(effects).percent.estimate).toBeGreaterThan(0.05);
  });

  it("in one market, falls back to price over asking price, and still covers a planted effect", () => {
    const deals = syntheticDeals({ seed: 2, arms: 1, items: 400, sellerPremium: 0.12, buyerDiscount: 0.08 });
    const effects = tierEffects(deals, { seed: 1, bootstrap: 300, permutations: 200 });
    expect(effects.method).toBe("asking-price");
    expect(effects.notes.join(" ")).toMatch(/relative to the asking price/);
    const s = seller(effects);
    expect(s.percent.low!).toBeLessThanOrEqual(0.12);
    expect(s.percent.high!).toBeGreaterThanOrEqual(0.12);
    expect(s.pValue!).toBeLessThan(0.01);
    const b = buyer(effects);
    expect(b.percent.low!).toBeLessThanOrEqual(0.08);
    expect(b.percent.high!).toBeGreaterThanOrEqual(0.08);
  });

  it("keeps the nominal false-positive rate in the one-market fallback too", () => {
    let significant = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const deals = syntheticDeals({ seed: 9000 + seed, arms: 1, items: 60 });
      const s = seller(tierEffects(deals, { seed, bootstrap: 0, permutations: 99 }));
      if (s.pValue! < 0.05) significant++;
    }
    expect(significant / 100).toBeLessThanOrEqual(0.1);
    expect(significant).toBeGreaterThan(0);
  });

  it("needs items sold more than once or asking prices", () => {
    const deals = syntheticDeals({ seed: 2, arms: 1 }).map(({ askingPrice: _a, ...deal }) => deal);
    const effects = tierEffects(deals, { bootstrap: 10, permutations: 10 });
    expect(effects.contrasts).toEqual([]);
    expect(effects.notes[0]).toMatch(/more than once/);
  });

  it("with no effect in Project Deal's design, gives p < 0.05 in 4-6% of 1,000 markets on each side", () => {
    // The permutations re-draw the mixed arms' people's tiers, as the experiment drew them; the old
    // test (one side's labels shuffled within items) gave 6.85% for sellers over 2,000 such markets.
    // With 199 permutations an exact test has p < 0.05 with probability 9/200 = 4.5%; over 1,000
    // markets the rate's standard error is 0.66 points (binomial), the permutation noise included.
    const markets = 1000;
    const significant = { seller: 0, buyer: 0 };
    for (let seed = 1; seed <= markets; seed++) {
      const deals = projectDealArms({ seed: 160000 + seed, personEffect: 0.1 }).arms.flatMap(
        (arm) => arm.records.deals,
      );
      for (const c of tierEffects(deals, { seed, permutations: 199 }).contrasts)
        if (c.pValue! < 0.05) significant[c.side]++;
    }
    for (const count of Object.values(significant)) {
      expect(count / markets).toBeGreaterThanOrEqual(0.04);
      expect(count / markets).toBeLessThanOrEqual(0.06);
    }
    // Not timed (0: no timeout): the test is about counts, which the seeds fix; the machine's speed is
    // the benchmarks' business.
  }, 0);

  it("covers a planted effect 93-97% of the time when people keep their own effect across arms", () => {
    // Each buyer and seller has an effect on price of SD 0.1 (log), kept in every arm; the deal-level
    // noise is 0.15. Resampling items covered buyers 269/300 on such data (other seeds); 300 datasets
    // give the rate to within 1.3 points (one standard error).
    const datasets = 300;
    const covered = { seller: 0, buyer: 0 };
    const planted = { seller: 0.12, buyer: 0.08 };
    for (let seed = 1; seed <= datasets; seed++) {
      const { arms } = projectDealArms({
        seed: 170000 + seed,
        personEffect: 0.1,
        sellerPremium: planted.seller,
        buyerDiscount: planted.buyer,
      });
      const effects = tierEffects(
        arms.flatMap((arm) => arm.records.deals),
        { permutations: 0 },
      );
      for (const c of effects.contrasts)
        if (c.percent.low! <= planted[c.side] && c.percent.high! >= planted[c.side]) covered[c.side]++;
    }
    for (const count of Object.values(covered)) {
      expect(count / datasets).toBeGreaterThanOrEqual(0.93);
      expect(count / datasets).toBeLessThanOrEqual(0.97);
    }
  }, 0);
});
