import { createRng, type Rng } from "../domain/random.ts";
import type { DealRecord } from "./deal-record.ts";
import { orderTiers, referenceTier } from "./reference-tier.ts";
import { groupBy, type Interval, percentileInterval } from "./stats.ts";
import {
  addMoments,
  emptyMoments,
  type GroupMoments,
  groupMoments,
  solveMoments,
} from "./within-estimator.ts";

/** One tier compared with the reference tier, on one side of the deals. */
export interface TierContrast {
  side: "seller" | "buyer";
  tier: string;
  reference: string;
  /**
   * Sellers: how much more this tier's sellers got than the reference tier's for the same items, as a
   * fraction (0.112 = 11.2% more). Buyers: how much less this tier's buyers paid (0.05 = 5% less).
   * From the log-price model; the interval is a 95% bootstrap over items.
   */
  percent: Interval;
  /** The same in cents per item, from the price-level model. */
  cents: Interval;
  /** Two-sided permutation p-value: this side's tier labels shuffled within each item. */
  pValue?: number;
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
  bootstrap: number;
  permutations: number;
  notes: string[];
}

export interface TierEffectOptions {
  seed?: number;
  /** Bootstrap resamples of items (default 1000). */
  bootstrap?: number;
  /** Permutations for the p-values (default 1000). */
  permutations?: number;
}

/** A resampling unit: an item (its deals across arms), or one deal in the asking-price method. */
interface ItemData {
  seller: number[];
  buyer: number[];
  /** log price, or log(price / asking price). */
  logPrice: number[];
  /** price, or price - asking price, in cents. */
  price: number[];
}

interface Column {
  side: "seller" | "buyer";
  tier: number;
}

/** Design rows; `intercept` prepends a column of ones (the asking-price method, not demeaned). */
function rowsFor(
  item: ItemData,
  columns: readonly Column[],
  intercept: boolean,
  seller = item.seller,
  buyer = item.buyer,
): number[][] {
  return seller.map((s, i) => {
    const row = columns.map((column) => ((column.side === "seller" ? s : buyer[i]) === column.tier ? 1 : 0));
    return intercept ? [1, ...row] : row;
  });
}

function momentsFor(
  items: readonly ItemData[],
  columns: readonly Column[],
  y: "logPrice" | "price",
  intercept: boolean,
): GroupMoments[] {
  const p = columns.length + (intercept ? 1 : 0);
  return items.map((item) => groupMoments(rowsFor(item, columns, intercept), item[y], p, !intercept));
}

function sum(moments: readonly GroupMoments[], p: number): GroupMoments {
  const total = emptyMoments(p);
  for (const m of moments) addMoments(total, m);
  return total;
}

/**
 * Columns whose dummy varies within some item (others are not identified with item effects); with
 * `pooled`, within the deals as a whole.
 */
function varying(
  items: readonly ItemData[],
  side: "seller" | "buyer",
  tiers: readonly number[],
  pooled: boolean,
): number[] {
  const groups = pooled
    ? [items.flatMap((item) => (side === "seller" ? item.seller : item.buyer))]
    : items.map((item) => (side === "seller" ? item.seller : item.buyer));
  return tiers.filter((tier) =>
    groups.some((labels) => {
      const hits = labels.filter((label) => label === tier).length;
      return hits > 0 && hits < labels.length;
    }),
  );
}

/** Shuffles labels within each item, or across all deals when `pooled`. */
function permuteLabels(rng: Rng, labels: readonly number[][], pooled: boolean): number[][] {
  if (!pooled) return labels.map((group) => rng.shuffle(group));
  const all = rng.shuffle(labels.flat());
  let at = 0;
  return labels.map((group) => {
    const out = all.slice(at, at + group.length);
    at += group.length;
    return out;
  });
}

/**
 * Seller premium and buyer discount by tier with item fixed effects: log price (and price) is demeaned
 * within each item (the same item sold in several arms), then regressed on seller-tier and buyer-tier
 * dummies, each tier against the reference tier. Both sides are fitted together when the data separate
 * them (each then controls for the other); otherwise each side alone, and a note says so.
 * Intervals: 95% percentile bootstrap resampling items. p-values: tier labels permuted within item.
 */
export function tierEffects(deals: readonly DealRecord[], options: TierEffectOptions = {}): TierEffects {
  const bootstrap = options.bootstrap ?? 1000;
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
  const reference = referenceTier(counts);
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
  if (tiers.length < 2 || reference === undefined) {
    notes.push(`Only one tier (${tiers[0] ?? "none"}) in the deals compared: nothing to compare.`);
    return empty;
  }
  const index = new Map(tiers.map((tier, i) => [tier, i]));
  const items: ItemData[] = byItem.map((group) => ({
    seller: group.map((deal) => index.get(deal.sellerTier)!),
    buyer: group.map((deal) => index.get(deal.buyerTier)!),
    logPrice: group.map((deal) => Math.log(pooled ? deal.price / deal.askingPrice! : deal.price)),
    price: group.map((deal) => (pooled ? deal.price - deal.askingPrice! : deal.price)),
  }));
  const shift = pooled ? 1 : 0;
  const others = tiers.map((_, i) => i).filter((i) => i !== 0);
  const sellerColumns: Column[] = varying(items, "seller", others, pooled).map((tier) => ({
    side: "seller",
    tier,
  }));
  const buyerColumns: Column[] = varying(items, "buyer", others, pooled).map((tier) => ({
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
    const joint = solveMoments(
      sum(momentsFor(items, models[0]!, "logPrice", pooled), models[0]!.length + shift),
    );
    if (!joint) {
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
  const rng = createRng(seed);
  const contrasts: TierContrast[] = [];
  for (const [m, columns] of models.entries()) {
    const p = columns.length + shift;
    const logMoments = momentsFor(items, columns, "logPrice", pooled);
    const levelMoments = momentsFor(items, columns, "price", pooled);
    const beta = solveMoments(sum(logMoments, p));
    const betaCents = solveMoments(sum(levelMoments, p));
    if (!beta || !betaCents) {
      notes.push("The tier comparison is not identified in these data.");
      continue;
    }
    // Bootstrap: resample items with replacement.
    const bootRng = rng.fork(`bootstrap-${m}`);
    const drawsLog: number[][] = Array.from({ length: p }, () => []);
    const drawsCents: number[][] = Array.from({ length: p }, () => []);
    const weights = new Float64Array(items.length);
    for (let b = 0; b < bootstrap; b++) {
      weights.fill(0);
      for (let k = 0; k < items.length; k++) weights[Math.floor(bootRng.next() * items.length)]! += 1;
      const totalLog = emptyMoments(p);
      const totalLevel = emptyMoments(p);
      for (let k = 0; k < items.length; k++) {
        const w = weights[k]!;
        if (w === 0) continue;
        addMoments(totalLog, logMoments[k]!, w);
        addMoments(totalLevel, levelMoments[k]!, w);
      }
      const bLog = solveMoments(totalLog);
      const bLevel = solveMoments(totalLevel);
      if (bLog) for (const [j, value] of bLog.entries()) drawsLog[j]!.push(value);
      if (bLevel) for (const [j, value] of bLevel.entries()) drawsCents[j]!.push(value);
    }
    // Permutation: shuffle one side's labels within each item; the other side's stay.
    const exceed = new Array<number>(p).fill(0);
    const done = new Array<number>(p).fill(0);
    for (const side of ["seller", "buyer"] as const) {
      const sideColumns = columns
        .map((column, j) => ({ column, j: j + shift }))
        .filter(({ column }) => column.side === side);
      if (sideColumns.length === 0 || permutations <= 0) continue;
      const permRng = rng.fork(`permutation-${m}-${side}`);
      for (let r = 0; r < permutations; r++) {
        const total = emptyMoments(p);
        const labels = permuteLabels(
          permRng,
          items.map((item) => (side === "seller" ? item.seller : item.buyer)),
          pooled,
        );
        items.forEach((item, k) => {
          const seller = side === "seller" ? labels[k]! : item.seller;
          const buyer = side === "buyer" ? labels[k]! : item.buyer;
          addMoments(
            total,
            groupMoments(rowsFor(item, columns, pooled, seller, buyer), item.logPrice, p, !pooled),
          );
        });
        const permuted = solveMoments(total);
        if (!permuted) continue;
        for (const { j } of sideColumns) {
          done[j]! += 1;
          if (Math.abs(permuted[j]!) >= Math.abs(beta[j]!) - 1e-12) exceed[j]! += 1;
        }
      }
    }
    columns.forEach((column, c) => {
      const j = c + shift;
      const sign = column.side === "seller" ? 1 : -1;
      const logCi = percentileInterval(drawsLog[j]!);
      const centsCi = percentileInterval(drawsCents[j]!);
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
        ...(done[j]! > 0 ? { pValue: (1 + exceed[j]!) / (1 + done[j]!) } : {}),
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
