import { solveLinear } from "./linear-solve.ts";
import { inverseSquareRoot } from "./symmetric-eigen.ts";
import { emptyMoments, solveMoments } from "./within-estimator.ts";

// The regression behind the tier effects: deals flattened and grouped by item, least squares on tier
// dummies within items, and its two-way cluster-robust variance. Kept apart from `tierEffects`, which
// decides what to fit and reports it.

/**
 * The deals used, flattened and grouped: group g (an item across arms, or one deal in the
 * asking-price method) is deals start[g] to start[g + 1] - 1.
 */
export interface DealData {
  start: number[];
  seller: Int32Array;
  buyer: Int32Array;
  /** log price, or log(price / asking price). */
  logPrice: Float64Array;
  /** price, or price - asking price, in cents. */
  price: Float64Array;
  /** The participants, the clusters of the intervals: the same person across arms has one index. */
  sellerPerson: Int32Array;
  buyerPerson: Int32Array;
  /** Each side's person-arm (a unit of the tier assignment), for the permutation test. */
  sellerUnit: Int32Array;
  buyerUnit: Int32Array;
}

export interface Column {
  side: "seller" | "buyer";
  tier: number;
}

/**
 * Least squares of y on the tier dummies of `columns`, demeaned within each group (item fixed
 * effects), or with an intercept and not demeaned when `intercept` (the asking-price method). Tiers
 * come from `seller` and `buyer` (the permutations'). Undefined when not identified.
 */
export function fitTiers(
  data: DealData,
  columns: readonly Column[],
  y: Float64Array,
  intercept: boolean,
  seller: ArrayLike<number> = data.seller,
  buyer: ArrayLike<number> = data.buyer,
): number[] | undefined {
  const shift = intercept ? 1 : 0;
  const c = columns.length;
  const p = c + shift;
  const total = emptyMoments(p);
  const { xtx, xty } = total;
  const isSeller = columns.map((column) => column.side === "seller");
  const tier = columns.map((column) => column.tier);
  const row = new Float64Array(p);
  const meanX = new Float64Array(p);
  if (intercept) row[0] = 1;
  const groups = data.start.length - 1;
  for (let g = 0; g < groups; g++) {
    const from = data.start[g]!;
    const to = data.start[g + 1]!;
    let meanY = 0;
    meanX.fill(0);
    if (!intercept) {
      for (let d = from; d < to; d++) {
        meanY += y[d]!;
        for (let j = 0; j < c; j++) if ((isSeller[j] ? seller[d] : buyer[d]) === tier[j]) meanX[j]! += 1;
      }
      meanY /= to - from;
      for (let j = 0; j < p; j++) meanX[j]! /= to - from;
    }
    for (let d = from; d < to; d++) {
      for (let j = 0; j < c; j++)
        row[j + shift] =
          (isSeller[j] ? seller[d] : buyer[d]) === tier[j] ? 1 - meanX[j + shift]! : -meanX[j + shift]!;
      if (intercept) row[0] = 1;
      const dy = y[d]! - meanY;
      for (let j = 0; j < p; j++) {
        const dj = row[j]!;
        if (dj === 0) continue;
        xty[j]! += dj * dy;
        for (let k = 0; k < p; k++) xtx[j * p + k]! += dj * row[k]!;
      }
    }
  }
  return solveMoments(total);
}

/** CR1: the sandwich with G / (G - 1) and leave-out buyer residuals; CR2: bias-reduced linearisation. */
export type VarianceMethod = "CR1" | "CR2";

/**
 * The variance of `beta` (from `fitTiers`), robust to correlation between deals with the same
 * seller and between deals with the same buyer, in any arm: Cameron, Gelbach and Miller's two-way
 * cluster-robust sandwich A^-1 (M_seller + M_buyer - M_pair) A^-1, each M the sum over clusters of
 * the outer product of the cluster's scores, the seller and buyer terms times G / (G - 1).
 *
 * With item fixed effects a deal's residual is taken off its item's mean, which hides half of a
 * buyer's own effect when the item sold twice (the other half lands on the other buyer's deal). Items
 * belong to their sellers, so the seller sums are exact; the buyer and pair sums use each deal's
 * leave-its-deal-out residual instead (its residual times n / (n - 1) for an item sold n times), whose
 * own extra variance the pair term takes off again (all this is `method` "CR1", the default). "CR2"
 * replaces the G / (G - 1) factors and the leave-out residuals with Bell and McCaffrey's bias-reduced
 * linearisation in each of the three sums (each cluster's residuals times the inverse square root of its
 * block of I - H), which makes the variance unbiased when errors are independent with equal variance;
 * on the benchmark's data it covered the seller premium about as often and the buyer discount less
 * often (README, "How sure the numbers are"), so it is not the default.
 * Returns the diagonal and, unless `withDf` is
 * false, each coefficient's degrees of freedom for a t quantile (Bell and McCaffrey's, from the design:
 * with CR1 14 to 18 on Project Deal's, with CR2 about 26, where 69 people would suggest 68); undefined when not identified.
 */
export function clusteredVariance(
  data: DealData,
  columns: readonly Column[],
  y: Float64Array,
  intercept: boolean,
  beta: readonly number[],
  people: number,
  withDf = true,
  method: VarianceMethod = "CR1",
): { variance: number[]; df: number[] } | undefined {
  const shift = intercept ? 1 : 0;
  const c = columns.length;
  const p = c + shift;
  const a: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const sums = {
    seller: new Map<number, Float64Array>(),
    buyer: new Map<number, Float64Array>(),
    pair: new Map<number, Float64Array>(),
  };
  const add = (map: Map<number, Float64Array>, key: number, row: Float64Array, scale: number) => {
    let sum = map.get(key);
    if (!sum) {
      sum = new Float64Array(p);
      map.set(key, sum);
    }
    for (let j = 0; j < p; j++) sum[j]! += row[j]! * scale;
  };
  const row = new Float64Array(p);
  const meanX = new Float64Array(p);
  const groups = data.start.length - 1;
  const deals = data.seller.length;
  /** Each deal's demeaned regressors, its leave-out factor and its group, for the degrees of freedom. */
  const xt = new Float64Array(deals * p);
  const factor = new Float64Array(deals);
  const groupOf = new Int32Array(deals);
  const residuals = new Float64Array(deals);
  for (let g = 0; g < groups; g++) {
    const from = data.start[g]!;
    const to = data.start[g + 1]!;
    const n = to - from;
    let meanY = 0;
    meanX.fill(0);
    if (!intercept) {
      for (let d = from; d < to; d++) {
        meanY += y[d]!;
        for (let j = 0; j < c; j++)
          if ((columns[j]!.side === "seller" ? data.seller[d] : data.buyer[d]) === columns[j]!.tier)
            meanX[j]! += 1;
      }
      meanY /= n;
      for (let j = 0; j < p; j++) meanX[j]! /= n;
    }
    const leaveOut = intercept || n < 2 ? 1 : n / (n - 1);
    for (let d = from; d < to; d++) {
      if (intercept) row[0] = 1;
      for (let j = 0; j < c; j++) {
        const column = columns[j]!;
        const hit = (column.side === "seller" ? data.seller[d] : data.buyer[d]) === column.tier;
        row[j + shift] = (hit ? 1 : 0) - meanX[j + shift]!;
      }
      let residual = y[d]! - meanY;
      for (let j = 0; j < p; j++) residual -= row[j]! * beta[j]!;
      const s = data.sellerPerson[d]!;
      const b = data.buyerPerson[d]!;
      xt.set(row, d * p);
      residuals[d] = residual;
      factor[d] = leaveOut;
      groupOf[d] = g;
      add(sums.seller, s, row, residual);
      add(sums.buyer, b, row, residual * leaveOut);
      add(sums.pair, s * people + b, row, residual * leaveOut);
      for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) a[j]![k]! += row[j]! * row[k]!;
    }
  }
  const meat = (map: Map<number, Float64Array>, factor: number, m: number[][]) => {
    const scale = method === "CR1" && map.size > 1 ? (factor * map.size) / (map.size - 1) : factor;
    for (const sum of map.values())
      for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) m[j]![k]! += scale * sum[j]! * sum[k]!;
  };
  // A^-1, column by column.
  const inverse: number[][] = [];
  for (let j = 0; j < p; j++) {
    const column = solveLinear(
      a,
      Array.from({ length: p }, (_, k) => (k === j ? 1 : 0)),
    );
    if (!column) return undefined;
    inverse.push(column);
  }
  const lists = (key: (d: number) => number): number[][] => {
    const map = new Map<number, number[]>();
    for (let d = 0; d < deals; d++) {
      const k = key(d);
      const list = map.get(k);
      if (list) list.push(d);
      else map.set(k, [d]);
    }
    return [...map.values()];
  };
  const pairKey = (d: number) => data.sellerPerson[d]! * people + data.buyerPerson[d]!;
  // CR2 (Bell and McCaffrey's bias-reduced linearisation): each cluster's residuals are multiplied by
  // the inverse square root of its block of M = I - H (H: the item means' and the tier columns' hat
  // matrix; on its range, as the item means make the block singular when a cluster holds a whole
  // item). The scores' sums then have the errors' variance when errors are independent and alike, and
  // the leave-out factors and G / (G - 1) are not needed.
  const adjusters = new Map<string, Float64Array>();
  const adjusterOf = (kind: string, key: number, members: readonly number[]) => {
    const id = `${kind}:${key}`;
    let s = adjusters.get(id);
    if (s) return s;
    const size = members.length;
    const block = new Float64Array(size * size);
    for (let i = 0; i < size; i++) {
      const d = members[i]!;
      for (let k = 0; k < size; k++) {
        const e = members[k]!;
        let value = i === k ? 1 : 0;
        if (!intercept && groupOf[d] === groupOf[e])
          value -= 1 / (data.start[groupOf[d]! + 1]! - data.start[groupOf[d]!]!);
        for (let u = 0; u < p; u++) {
          const xu = xt[d * p + u]!;
          if (xu === 0) continue;
          for (let v = 0; v < p; v++) value -= xu * inverse[u]![v]! * xt[e * p + v]!;
        }
        block[i * size + k] = value;
      }
    }
    s = inverseSquareRoot(block, size);
    adjusters.set(id, s);
    return s;
  };
  const adjust = (s: Float64Array, members: readonly number[], values: (d: number) => number) => {
    const size = members.length;
    const raw = members.map(values);
    return members.map((_, i) => {
      let total = 0;
      for (let k = 0; k < size; k++) total += s[i * size + k]! * raw[k]!;
      return total;
    });
  };
  if (method === "CR2") {
    sums.seller.clear();
    sums.buyer.clear();
    sums.pair.clear();
    const fill = (kind: "seller" | "buyer" | "pair", key: (d: number) => number) => {
      for (const members of lists(key)) {
        const k = key(members[0]!);
        const adjusted = adjust(adjusterOf(kind, k, members), members, (d) => residuals[d]!);
        const sum = new Float64Array(p);
        members.forEach((d, i) => {
          for (let j = 0; j < p; j++) sum[j]! += xt[d * p + j]! * adjusted[i]!;
        });
        sums[kind].set(k, sum);
      }
    };
    fill("seller", (d) => data.sellerPerson[d]!);
    fill("buyer", (d) => data.buyerPerson[d]!);
    fill("pair", pairKey);
  }
  const diagonal = (withPairs: boolean) => {
    const m = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    meat(sums.seller, 1, m);
    meat(sums.buyer, 1, m);
    if (withPairs) {
      // The pair term without the G / (G - 1) factor: taking off less keeps the interval on the safe side.
      for (const sum of sums.pair.values())
        for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) m[j]![k]! -= sum[j]! * sum[k]!;
    }
    return Array.from({ length: p }, (_, j) => {
      let v = 0;
      for (let k = 0; k < p; k++)
        for (let l = 0; l < p; l++) v += inverse[j]![k]! * m[k]![l]! * inverse[j]![l]!;
      return v;
    });
  };
  const exact = diagonal(true);
  // The two-way formula can go negative in small samples; then without the pair term (conservative).
  const variance = exact.some((v) => !(v > 0)) ? diagonal(false) : exact;
  // Degrees of freedom (Bell and McCaffrey's): the variance is a quadratic form r'Wr in the residuals
  // r = My; were the errors independent and alike it would be as reliable as tr(WM)^2 / tr(WMWM)
  // independent squares. The pair term's subtraction and unequal clusters make that far fewer than the
  // number of people.
  const withPairs = variance === exact;
  const sellerLists = lists((d) => data.sellerPerson[d]!);
  const buyerLists = lists((d) => data.buyerPerson[d]!);
  const pairLists = withPairs ? lists(pairKey) : [];
  const factorOf = (size: number) => (method === "CR1" && size > 1 ? size / (size - 1) : 1);
  const df = Array.from({ length: withDf ? p : 0 }, (_, j) => {
    const weightOf = (d: number) => {
      let v = 0;
      for (let k = 0; k < p; k++) v += inverse[j]![k]! * xt[d * p + k]!;
      return v;
    };
    const terms: { members: number[]; values: number[]; sign: number }[] = [];
    // Each term's vector: the coefficient's weights on the cluster's deals, as its residuals are
    // weighted (CR1: leave-out factors on the buyer side; CR2: the cluster's adjustment).
    const valuesOf = (kind: "seller" | "buyer" | "pair", members: number[]) =>
      method === "CR2"
        ? adjust(
            adjusterOf(
              kind,
              (kind === "pair"
                ? pairKey
                : kind === "seller"
                  ? (d: number) => data.sellerPerson[d]!
                  : (d: number) => data.buyerPerson[d]!)(members[0]!),
              members,
            ),
            members,
            weightOf,
          )
        : kind === "seller"
          ? members.map(weightOf)
          : members.map((d) => weightOf(d) * factor[d]!);
    for (const members of sellerLists)
      terms.push({ members, values: valuesOf("seller", members), sign: factorOf(sellerLists.length) });
    for (const members of buyerLists)
      terms.push({ members, values: valuesOf("buyer", members), sign: factorOf(buyerLists.length) });
    for (const members of pairLists) terms.push({ members, values: valuesOf("pair", members), sign: -1 });
    // G = Z'MZ for the terms' vectors z (the columns of Z) is B - L: B = Z'Z less the item means' part
    // (sparse: terms that share a deal or an item), L = Q A^-1 Q' the fitted tier columns' part (rank
    // p). With S the signs, tr(WM) = tr(GS) and tr(WMWM) = tr(GSGS) = tr(BSBS) - 2 tr(BSLS) + tr(LSLS).
    const count = terms.length;
    const sparse = new Map<number, number>();
    const bump = (a: number, b: number, value: number) => {
      const key = a * count + b;
      sparse.set(key, (sparse.get(key) ?? 0) + value);
    };
    const byDeal: { term: number; value: number }[][] = Array.from({ length: deals }, () => []);
    terms.forEach((t, index) => {
      t.members.forEach((d, i) => {
        byDeal[d]!.push({ term: index, value: t.values[i]! });
      });
    });
    for (const entries of byDeal)
      for (const a of entries) for (const b of entries) bump(a.term, b.term, a.value * b.value);
    if (!intercept) {
      for (let item = 0; item < groups; item++) {
        const from = data.start[item]!;
        const to = data.start[item + 1]!;
        const sums = new Map<number, number>();
        for (let d = from; d < to; d++)
          for (const { term, value } of byDeal[d]!) sums.set(term, (sums.get(term) ?? 0) + value);
        for (const [a, sa] of sums) for (const [b, sb] of sums) bump(a, b, -(sa * sb) / (to - from));
      }
    }
    const q = terms.map((t) => {
      const sum = new Array<number>(p).fill(0);
      t.members.forEach((d, i) => {
        for (let k = 0; k < p; k++) sum[k]! += xt[d * p + k]! * t.values[i]!;
      });
      return sum;
    });
    const r = q.map((sum) => inverse.map((line) => line.reduce((total, v, k) => total + v * sum[k]!, 0)));
    const low = (a: number, b: number) => q[a]!.reduce((total, v, k) => total + v * r[b]![k]!, 0);
    let trace = 0;
    terms.forEach((t, a) => {
      trace += t.sign * ((sparse.get(a * count + a) ?? 0) - low(a, a));
    });
    let squares = 0;
    for (const [key, value] of sparse) {
      const a = Math.floor(key / count);
      const b = key % count;
      const signs = terms[a]!.sign * terms[b]!.sign;
      squares += signs * (value * value - 2 * value * low(b, a));
    }
    // tr(LSLS) = tr((A^-1 Q'SQ)^2).
    const qsq = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    terms.forEach((t, a) => {
      for (let k = 0; k < p; k++) for (let l = 0; l < p; l++) qsq[k]![l]! += t.sign * q[a]![k]! * q[a]![l]!;
    });
    const product = inverse.map((line) =>
      Array.from({ length: p }, (_, l) => line.reduce((total, v, k) => total + v * qsq[k]![l]!, 0)),
    );
    for (let k = 0; k < p; k++) for (let l = 0; l < p; l++) squares += product[k]![l]! * product[l]![k]!;
    return squares > 0 && trace > 0 ? (trace * trace) / squares : 1;
  });
  return { variance, df };
}

/**
 * Columns whose dummy varies within some item (others are not identified with item effects); with
 * `pooled`, within the deals as a whole.
 */
export function varying(
  data: DealData,
  side: "seller" | "buyer",
  tiers: readonly number[],
  pooled: boolean,
): number[] {
  const labels = side === "seller" ? data.seller : data.buyer;
  const groups = pooled
    ? [[0, labels.length]]
    : data.start.slice(0, -1).map((from, g) => [from, data.start[g + 1]!]);
  return tiers.filter((tier) =>
    groups.some(([from, to]) => {
      let hits = 0;
      for (let d = from!; d < to!; d++) if (labels[d] === tier) hits++;
      return hits > 0 && hits < to! - from!;
    }),
  );
}
