import { createRng } from "../domain/random.ts";
import type { DealRecord } from "./deal-record.ts";
import { chooseReference, orderTiers } from "./reference-tier.ts";
import { groupBy, type Interval, tQuantile975 } from "./stats.ts";
import {
  type Column,
  clusteredVariance,
  type DealData,
  fitTiers,
  type VarianceMethod,
  varying,
} from "./tier-regression.ts";

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
  /** The clustered variance: "CR1" (default) or "CR2" (bias-reduced linearisation, for comparison). */
  variance?: VarianceMethod;
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
    const varLog = clusteredVariance(
      data,
      columns,
      data.logPrice,
      pooled,
      beta,
      people,
      true,
      options.variance,
    );
    // The degrees of freedom depend on the design only, not on the prices: the log model's serve both.
    const varCents = clusteredVariance(
      data,
      columns,
      data.price,
      pooled,
      betaCents,
      people,
      false,
      options.variance,
    );
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
