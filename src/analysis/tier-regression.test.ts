import { describe, expect, it } from "vitest";
import { createRng, type Rng } from "../domain/random.ts";
import { inverseSquareRoot, symmetricEigen } from "./symmetric-eigen.ts";
import { type Column, clusteredVariance, type DealData, fitTiers } from "./tier-regression.ts";

const normal = (rng: Rng) => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());

/** A small design like Project Deal's: items of 12 sellers sold in 4 arms (2 all-strong, 2 mixed). */
function design(seed: number): DealData {
  const rng = createRng(seed);
  const people = 12;
  const rows: { item: number; seller: number; buyer: number; sTier: number; bTier: number }[] = [];
  const tiers = [0, 1, 2, 3].map((arm) =>
    Array.from({ length: people }, () => (arm < 2 || rng.chance(0.5) ? 1 : 0)),
  );
  for (let seller = 0; seller < people; seller++)
    for (let i = 0; i < 3; i++)
      for (let arm = 0; arm < 4; arm++) {
        if (!rng.chance(0.7)) continue;
        let buyer = rng.int(0, people - 2);
        if (buyer >= seller) buyer++;
        rows.push({
          item: seller * 3 + i,
          seller,
          buyer,
          sTier: tiers[arm]![seller]!,
          bTier: tiers[arm]![buyer]!,
        });
      }
  const counts = new Map<number, number>();
  for (const row of rows) counts.set(row.item, (counts.get(row.item) ?? 0) + 1);
  const kept = rows.filter((row) => counts.get(row.item)! >= 2).sort((a, b) => a.item - b.item);
  const start: number[] = [];
  kept.forEach((row, d) => {
    if (d === 0 || kept[d - 1]!.item !== row.item) start.push(d);
  });
  start.push(kept.length);
  const n = kept.length;
  return {
    start,
    seller: Int32Array.from(kept.map((r) => r.sTier)),
    buyer: Int32Array.from(kept.map((r) => r.bTier)),
    logPrice: new Float64Array(n),
    price: new Float64Array(n),
    sellerPerson: Int32Array.from(kept.map((r) => r.seller)),
    buyerPerson: Int32Array.from(kept.map((r) => r.buyer)),
    sellerUnit: new Int32Array(n),
    buyerUnit: new Int32Array(n),
  };
}

describe("symmetric eigen and inverse square root", () => {
  it("reconstructs the matrix and inverts its square root on the range", () => {
    // A projector's complement (I - 11'/3) is singular: its inverse square root on the range is itself.
    const m = Float64Array.from([2 / 3, -1 / 3, -1 / 3, -1 / 3, 2 / 3, -1 / 3, -1 / 3, -1 / 3, 2 / 3]);
    const s = inverseSquareRoot(m, 3);
    for (let i = 0; i < 9; i++) expect(s[i]).toBeCloseTo(m[i]!, 10);
    const a = Float64Array.from([4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2]);
    const { values, vectors } = symmetricEigen(a, 3);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let v = 0;
        for (let k = 0; k < 3; k++) v += vectors[i * 3 + k]! * values[k]! * vectors[j * 3 + k]!;
        expect(v).toBeCloseTo(a[i * 3 + j]!, 10);
      }
    const r = inverseSquareRoot(a, 3);
    // r a r = I
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let v = 0;
        for (let k = 0; k < 3; k++)
          for (let l = 0; l < 3; l++) v += r[i * 3 + k]! * a[k * 3 + l]! * r[l * 3 + j]!;
        expect(v).toBeCloseTo(i === j ? 1 : 0, 10);
      }
  });
});

describe("two-way clustered variance", () => {
  it("CR2 is unbiased with independent errors of equal variance, where CR1 over-states it", () => {
    const data = design(7);
    const columns: Column[] = [
      { side: "seller", tier: 1 },
      { side: "buyer", tier: 1 },
    ];
    const n = data.seller.length;
    // The true variance of each coefficient with unit error variance: sum over deals of its weight squared.
    const truth = [0, 0];
    for (let d = 0; d < n; d++) {
      const y = new Float64Array(n);
      y[d] = 1;
      const beta = fitTiers(data, columns, y, false)!;
      truth[0]! += beta[0]! ** 2;
      truth[1]! += beta[1]! ** 2;
    }
    const rng = createRng(11);
    const runs = 1500;
    const mean = { CR1: [0, 0], CR2: [0, 0] };
    for (let r = 0; r < runs; r++) {
      const y = Float64Array.from({ length: n }, () => normal(rng));
      const beta = fitTiers(data, columns, y, false)!;
      for (const method of ["CR1", "CR2"] as const) {
        const v = clusteredVariance(data, columns, y, false, beta, 12, false, method)!;
        mean[method][0]! += v.variance[0]! / runs;
        mean[method][1]! += v.variance[1]! / runs;
      }
    }
    for (let j = 0; j < 2; j++) expect(mean.CR2[j]! / truth[j]!).toBeGreaterThan(0.95);
    for (let j = 0; j < 2; j++) expect(mean.CR2[j]! / truth[j]!).toBeLessThan(1.05);
    // CR1 (G / (G - 1), leave-out buyer residuals) over-states it here: 1.04 and 1.08 times.
    for (let j = 0; j < 2; j++) expect(mean.CR1[j]! / truth[j]!).toBeGreaterThan(1.02);
  });

  it("gives each method its Bell-McCaffrey degrees of freedom, fewer than the clusters", () => {
    const data = design(3);
    const columns: Column[] = [
      { side: "seller", tier: 1 },
      { side: "buyer", tier: 1 },
    ];
    const rng = createRng(5);
    const y = Float64Array.from({ length: data.seller.length }, () => normal(rng));
    const beta = fitTiers(data, columns, y, false)!;
    for (const method of ["CR1", "CR2"] as const) {
      const { df } = clusteredVariance(data, columns, y, false, beta, 12, true, method)!;
      for (const value of df) {
        expect(value).toBeGreaterThan(1);
        expect(value).toBeLessThan(12);
      }
    }
  });
});
