import { createRng } from "../domain/random.ts";
import type { DealRecord } from "./deal-record.ts";
import { solveLinear } from "./linear-solve.ts";
import { chooseReference, orderTiers } from "./reference-tier.ts";
import { groupBy, type Interval, tQuantile975 } from "./stats.ts";
import { emptyMoments, solveMoments } from "./within-estimator.ts";

/** One tier compared with the reference tier, on one side of the deals. */
export interface TierContrast {
  side: "seller" | "buyer";
  tier: string;
  reference: string;
  /**
   * Sellers: how much more this tier's sellers got than the reference tier's for the same items, as a
   * fraction (0.112 = 11.2% more). Buyers: how much less this tier's buyers paid (0.05 = 5% less).
   * From the log-price model; the 95% interval is two-way cluster-robust (by seller and by buyer,
   * across arms), so deals that share a seller or a buyer are not taken as independent.
   */
  percent: Interval;
  /** The same in cents per item, from the price-level model. */
  cents: Interval;
  /**
   * Two-sided permutation p-value: the tier assignment of the mixed arms' people re-drawn as the
   * experiment drew it (each person-arm keeps one tier for all its deals, as seller and as buyer;
   * one-tier arms unchanged). Absent when no arm mixes tiers.
   */
  pValue?: number;
  /** Degrees of freedom of the t quantile of the interval (of the log-price model). */
  degreesOfFreedom?: number;
  /** Deals with this tier on this side among those used. */
  deals: number;
  /** True when fitted together with the other side's tiers (each controls for the other). */
  adjusted: boolean /** Set when there are too few data to tell (see minimums.ts): then no interval and no p-value. */;
  tooFew?: string;
}

export interface TierEffects {
  /**
   * "item-fixed-effects": the same items across arms (the design). "asking-price": no item sold more
   * than once (one market), so deals are compared by price relative to their asking price instead;
   * weaker, since it assumes tiers do not change which items sell.
   */
  method: "item-fixed-effects" | "asking-price";
  reference?: string;
  tiers: string[];
  contrasts: TierContrast[];
  /** Items sold more than once (the only ones that carry information with item fixed effects); with
   * the asking-price method, the items (deals) used. */
  itemsUsed: number;
  dealsUsed: number;
  /** 0: the intervals are analytic (two-way cluster-robust with t quantiles), not bootstrapped. */
  bootstrap: number;
  permutations: number;
  notes: string[];
}

export interface TierEffectOptions {
  seed?: number;
  /** Ignored: the intervals are analytic (accepted so callers can pass the analysis' options). */
  bootstrap?: number;
  /** Permutations for the p-values (default 1000). */
  permutations?: number;
  /**
   * The tier the others are compared with. Default: `chooseReference` on the deals' arms (which
   * refuses when it cannot tell).
   */
  reference?: string;
}

/**
 * The deals used, flattened and grouped: group g (an item across arms, or one deal in the
 * asking-price method) is deals start[g] to start[g + 1] - 1.
 */
interface DealData {
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

interface Column {
  side: "seller" | "buyer";
  tier: number;
}

/**
 * Least squares of y on the tier dummies of `columns`, demeaned within each group (item fixed
 * effects), or with an intercept and not demeaned when `intercept` (the asking-price method). Tiers
 * come from `seller` and `buyer` (the permutations'). Undefined when not identified.
 */
function fitTiers(
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
 * own extra variance the pair term takes off again. Returns the diagonal and, unless `withDf` is
 * false, each coefficient's degrees of freedom for a t quantile (Bell and McCaffrey's, from the design:
 * 14 to 18 on Project Deal's, where 69 people would suggest 68); undefined when not identified.
 */
function clusteredVariance(
  data: DealData,
  columns: readonly Column[],
  y: Float64Array,
  intercept: boolean,
  beta: readonly number[],
  people: number,
  withDf = true,
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
      factor[d] = leaveOut;
      groupOf[d] = g;
      add(sums.seller, s, row, residual);
      add(sums.buyer, b, row, residual * leaveOut);
      add(sums.pair, s * people + b, row, residual * leaveOut);
      for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) a[j]![k]! += row[j]! * row[k]!;
    }
  }
  const meat = (map: Map<number, Float64Array>, factor: number, m: number[][]) => {
    const scale = map.size > 1 ? (factor * map.size) / (map.size - 1) : factor;
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
  const sellerLists = lists((d) => data.sellerPerson[d]!);
  const buyerLists = lists((d) => data.buyerPerson[d]!);
  const pairLists = withPairs ? lists((d) => data.sellerPerson[d]! * people + data.buyerPerson[d]!) : [];
  const factorOf = (size: number) => (size > 1 ? size / (size - 1) : 1);
  const df = Array.from({ length: withDf ? p : 0 }, (_, j) => {
    const weightOf = (d: number) => {
      let v = 0;
      for (let k = 0; k < p; k++) v += inverse[j]![k]! * xt[d * p + k]!;
      return v;
    };
    const terms: { members: number[]; values: number[]; sign: number }[] = [];
    for (const members of sellerLists)
      terms.push({ members, values: members.map(weightOf), sign: factorOf(sellerLists.length) });
    for (const members of buyerLists)
      terms.push({
        members,
        values: members.map((d) => weightOf(d) * factor[d]!),
        sign: factorOf(buyerLists.length),
      });
    for (const members of pairLists)
      terms.push({ members, values: members.map((d) => weightOf(d) * factor[d]!), sign: -1 });
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
function varying(
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

/**
 * Seller premium and buyer discount by tier with item fixed effects: log price (and price) is demeaned
 * within each item (the same item sold in several arms), then regressed on seller-tier and buyer-tier
 * dummies, each tier against the reference tier. Both sides are fitted together when the data separate
 * them (each then controls for the other); otherwise each side alone, and a note says so.
 * Intervals: two-way cluster-robust by seller and by buyer (see `clusteredVariance`), with t
 * quantiles. p-values: the mixed arms' tier assignments re-drawn (a randomisation test that keeps the
 * design).
 */
export function tierEffects(deals: readonly DealRecord[], options: TierEffectOptions = {}): TierEffects {
  const bootstrap = 0;
  const permutations = options.permutations ?? 1000;
  const seed = options.seed ?? 1;
  const notes: string[] = [];
  const priced = deals.filter((deal) => deal.price > 0);
  const repeated = [...groupBy(priced, (deal) => deal.item).values()].filter((group) => group.length >= 2);
  // With no item sold twice (one market), compare deals by price over asking price instead.
  const pooled = repeated.length === 0;
  const byItem = pooled
    ? priced.filter((deal) => (deal.askingPrice ?? 0) > 0).map((deal) => [deal])
    : repeated;
  const method = pooled ? "asking-price" : "item-fixed-effects";
  const used = byItem.flat();
  const counts = new Map<string, number>();
  for (const deal of used) {
    counts.set(deal.sellerTier, (counts.get(deal.sellerTier) ?? 0) + 1);
    counts.set(deal.buyerTier, (counts.get(deal.buyerTier) ?? 0) + 1);
  }
  const reference =
    options.reference ??
    chooseReference(
      [...groupBy(deals, (deal) => deal.arm)].map(([id, armDeals]) => ({
        id,
        tiers: [...new Set(armDeals.flatMap((deal) => [deal.sellerTier, deal.buyerTier]))],
      })),
    ).tier;
  const tiers = orderTiers(counts.keys(), reference);
  const empty: TierEffects = {
    method,
    ...(reference ? { reference } : {}),
    tiers,
    contrasts: [],
    itemsUsed: byItem.length,
    dealsUsed: used.length,
    bootstrap,
    permutations,
    notes,
  };
  // A sale at 0 has no log price, so it is left out; then "no item sold more than once" would be false.
  const free = deals.length - priced.length;
  if (free > 0) {
    notes.push(
      `${free} ${free === 1 ? "deal" : "deals"} at a price of 0 ${free === 1 ? "is" : "are"} left out of the tier comparison (it compares log prices).`,
    );
  }
  const soldTwice = [...groupBy(deals, (deal) => deal.item).values()].some((group) => group.length >= 2);
  if (byItem.length === 0) {
    notes.push(
      soldTwice
        ? "No item sold more than once at a price above 0 and no asking prices are known, so tiers cannot be compared on like items."
        : "No item sold more than once and no asking prices are known, so tiers cannot be compared on like items.",
    );
    return empty;
  }
  if (pooled) {
    notes.push(
      soldTwice
        ? "No item sold more than once at a price above 0, so tiers are compared by price relative to the asking price rather than on the same items."
        : "No item sold more than once (one market), so tiers are compared by price relative to the asking price rather than on the same items; run an experiment with several arms for the fixed-effects comparison.",
    );
  }
  if (tiers.length < 2 || reference === undefined || !counts.has(reference)) {
    notes.push(`Only one tier (${tiers[0] ?? "none"}) in the deals compared: nothing to compare.`);
    return empty;
  }
  const index = new Map(tiers.map((tier, i) => [tier, i]));
  // People are the same across arms (the intervals' clusters); a person-arm is a unit of the tier
  // assignment (the permutations'), keyed with its tier so a person given two tiers in one arm stays two.
  const personIndex = new Map<string, number>();
  const person = (id: string) => {
    let k = personIndex.get(id);
    if (k === undefined) {
      k = personIndex.size;
      personIndex.set(id, k);
    }
    return k;
  };
  const unitIndex = new Map<string, number>();
  const unitArm: string[] = [];
  const unitTier: number[] = [];
  const unit = (arm: string, id: string, tier: string) => {
    const key = JSON.stringify([arm, id, tier]);
    let k = unitIndex.get(key);
    if (k === undefined) {
      k = unitIndex.size;
      unitIndex.set(key, k);
      unitArm.push(arm);
      unitTier.push(index.get(tier) ?? -1);
    }
    return k;
  };
  // Every person-arm of the input holds a label in the draw, traded on a repeated item or not.
  for (const deal of deals) {
    unit(deal.arm, deal.seller, deal.sellerTier);
    unit(deal.arm, deal.buyer, deal.buyerTier);
  }
  const n = used.length;
  const data: DealData = {
    start: [0],
    seller: new Int32Array(n),
    buyer: new Int32Array(n),
    logPrice: new Float64Array(n),
    price: new Float64Array(n),
    sellerPerson: new Int32Array(n),
    buyerPerson: new Int32Array(n),
    sellerUnit: new Int32Array(n),
    buyerUnit: new Int32Array(n),
  };
  let at = 0;
  for (const group of byItem) {
    for (const deal of group) {
      data.seller[at] = index.get(deal.sellerTier)!;
      data.buyer[at] = index.get(deal.buyerTier)!;
      data.logPrice[at] = Math.log(pooled ? deal.price / deal.askingPrice! : deal.price);
      data.price[at] = pooled ? deal.price - deal.askingPrice! : deal.price;
      data.sellerPerson[at] = person(deal.seller);
      data.buyerPerson[at] = person(deal.buyer);
      data.sellerUnit[at] = unit(deal.arm, deal.seller, deal.sellerTier);
      data.buyerUnit[at] = unit(deal.arm, deal.buyer, deal.buyerTier);
      at++;
    }
    data.start.push(at);
  }
  const shift = pooled ? 1 : 0;
  const others = tiers.map((_, i) => i).filter((i) => i !== 0);
  const sellerColumns: Column[] = varying(data, "seller", others, pooled).map((tier) => ({
    side: "seller",
    tier,
  }));
  const buyerColumns: Column[] = varying(data, "buyer", others, pooled).map((tier) => ({
    side: "buyer",
    tier,
  }));
  for (const side of ["seller", "buyer"] as const) {
    const have = side === "seller" ? sellerColumns : buyerColumns;
    for (const tier of others) {
      if (!have.some((column) => column.tier === tier)) {
        notes.push(
          `${tiers[tier]} as ${side} never ${pooled ? "appears beside" : "meets"} ${reference} as ${side}${pooled ? "" : " on the same item"}: no ${side} comparison for it.`,
        );
      }
    }
  }
  // The joint model when identified, else each side alone.
  let models: Column[][] = [[...sellerColumns, ...buyerColumns]];
  let adjusted = true;
  if (sellerColumns.length > 0 && buyerColumns.length > 0) {
    if (!fitTiers(data, models[0]!, data.logPrice, pooled)) {
      adjusted = false;
      models = [sellerColumns, buyerColumns];
      notes.push(
        "Seller and buyer tiers move together in these data (e.g. all-strong vs all-weak arms), so each side is estimated alone and includes the other side's effect.",
      );
    }
  } else {
    adjusted = false;
    models = [sellerColumns.length > 0 ? sellerColumns : buyerColumns].filter((model) => model.length > 0);
  }
  // The arms whose people were given tiers at random (more than one tier among them): the permutation
  // test re-draws these assignments, as the experiment did; one-tier arms keep theirs.
  const unitsByArm = new Map<string, number[]>();
  unitArm.forEach((arm, k) => {
    unitsByArm.set(arm, [...(unitsByArm.get(arm) ?? []), k]);
  });
  const mixedArms = [...unitsByArm.values()].filter(
    (units) => new Set(units.map((k) => unitTier[k])).size > 1,
  );
  if (mixedArms.length === 0 && permutations > 0 && models.length > 0) {
    notes.push(
      "No arm gave its people different tiers, so there is no assignment to re-draw: no permutation p-values (tiers differ only between arms, and arm effects cannot be told from tier effects).",
    );
  }
  const rng = createRng(seed);
  const people = personIndex.size;
  const contrasts: TierContrast[] = [];
  for (const [m, columns] of models.entries()) {
    const p = columns.length + shift;
    const beta = fitTiers(data, columns, data.logPrice, pooled);
    const betaCents = fitTiers(data, columns, data.price, pooled);
    if (!beta || !betaCents) {
      notes.push("The tier comparison is not identified in these data.");
      continue;
    }
    // Intervals: two-way (participant) cluster-robust standard errors, so deals that share a seller or
    // a buyer, in any arm, are not taken as independent.
    const varLog = clusteredVariance(data, columns, data.logPrice, pooled, beta, people);
    // The degrees of freedom depend on the design only, not on the prices: the log model's serve both.
    const varCents = clusteredVariance(data, columns, data.price, pooled, betaCents, people, false);
    if (varLog && varCents) varCents.df = varLog.df;
    // Permutation: re-draw the tier assignment of the mixed arms' people (each person-arm keeps one
    // tier for all its deals, as seller and as buyer; the tiers' numbers in each arm stay), refit.
    const exceed = new Array<number>(p).fill(0);
    let done = 0;
    if (mixedArms.length > 0 && permutations > 0) {
      const permRng = rng.fork(`permutation-${m}`);
      const label = Int32Array.from(unitTier);
      const seller = new Int32Array(n);
      const buyer = new Int32Array(n);
      for (let r = 0; r < permutations; r++) {
        for (const units of mixedArms) {
          for (let i = units.length - 1; i > 0; i--) {
            const j = Math.floor(permRng.next() * (i + 1));
            const a = label[units[i]!]!;
            label[units[i]!] = label[units[j]!]!;
            label[units[j]!] = a;
          }
        }
        for (let d = 0; d < n; d++) {
          seller[d] = label[data.sellerUnit[d]!]!;
          buyer[d] = label[data.buyerUnit[d]!]!;
        }
        const permuted = fitTiers(data, columns, data.logPrice, pooled, seller, buyer);
        if (!permuted) continue;
        done++;
        for (let j = shift; j < p; j++)
          if (Math.abs(permuted[j]!) >= Math.abs(beta[j]!) - 1e-12) exceed[j]! += 1;
      }
    }
    columns.forEach((column, c) => {
      const j = c + shift;
      const sign = column.side === "seller" ? 1 : -1;
      const half = (v: { variance: number[]; df: number[] } | undefined) =>
        v && v.variance[j]! > 0 ? tQuantile975(v.df[j]!) * Math.sqrt(v.variance[j]!) : undefined;
      const logHalf = half(varLog);
      const centsHalf = half(varCents);
      const logCi = logHalf === undefined ? {} : { low: beta[j]! - logHalf, high: beta[j]! + logHalf };
      const centsCi =
        centsHalf === undefined ? {} : { low: betaCents[j]! - centsHalf, high: betaCents[j]! + centsHalf };
      const toPercent = (value: number) =>
        column.side === "seller" ? Math.exp(value) - 1 : 1 - Math.exp(value);
      const percent: Interval = { estimate: toPercent(beta[j]!) };
      const cents: Interval = { estimate: sign * betaCents[j]! };
      if (logCi.low !== undefined && logCi.high !== undefined) {
        const a = toPercent(logCi.low);
        const b = toPercent(logCi.high);
        percent.low = Math.min(a, b);
        percent.high = Math.max(a, b);
      }
      if (centsCi.low !== undefined && centsCi.high !== undefined) {
        cents.low = Math.min(sign * centsCi.low, sign * centsCi.high);
        cents.high = Math.max(sign * centsCi.low, sign * centsCi.high);
      }
      const tierName = tiers[column.tier]!;
      contrasts.push({
        side: column.side,
        tier: tierName,
        reference,
        percent,
        cents,
        ...(done > 0 ? { pValue: (1 + exceed[j]!) / (1 + done) } : {}),
        ...(varLog ? { degreesOfFreedom: varLog.df[j]! } : {}),
        deals: used.filter(
          (deal) => (column.side === "seller" ? deal.sellerTier : deal.buyerTier) === tierName,
        ).length,
        adjusted,
      });
    });
  }
  contrasts.sort((a, b) =>
    a.side === b.side ? tiers.indexOf(a.tier) - tiers.indexOf(b.tier) : a.side === "seller" ? -1 : 1,
  );
  return { ...empty, contrasts };
}
