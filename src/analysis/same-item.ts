import type { DealRecord } from "./deal-record.ts";
import { groupBy } from "./stats.ts";

export interface ItemSale {
  arm: string;
  price: number;
  sellerTier: string;
  buyerTier: string;
}

/** One item sold in several arms. */
export interface ItemAcrossArms {
  item: string;
  title?: string;
  sales: ItemSale[];
  lowest: ItemSale;
  highest: ItemSale;
  /** highest - lowest, cents. */
  gap: number;
  /** gap over the lowest price. */
  gapRatio: number;
}

export interface SameItemComparison {
  /** Items sold at least once / in two or more arms. */
  itemsSold: number;
  itemsSoldInSeveralArms: number;
  /** Median over those items of (highest - lowest) / lowest. */
  medianGapRatio?: number;
  /** Median gap in cents. */
  medianGap?: number;
  /** The largest gaps first (by cents), at most `examples`. */
  examples: ItemAcrossArms[];
  /** Every item sold in several arms, largest gap first. */
  items: ItemAcrossArms[];
}

const middle = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
};

/** The same item's price across arms, with the largest gaps as examples. */
export function sameItemAcrossArms(
  deals: readonly DealRecord[],
  options: { examples?: number } = {},
): SameItemComparison {
  const groups = groupBy(deals, (deal) => deal.item);
  const items: ItemAcrossArms[] = [];
  for (const [item, group] of groups) {
    const arms = new Set(group.map((deal) => deal.arm));
    if (arms.size < 2) continue;
    const sales = group
      .map((deal) => ({
        arm: deal.arm,
        price: deal.price,
        sellerTier: deal.sellerTier,
        buyerTier: deal.buyerTier,
      }))
      .sort((a, b) => a.price - b.price || (a.arm < b.arm ? -1 : 1));
    const lowest = sales[0]!;
    const highest = sales[sales.length - 1]!;
    const title = group.find((deal) => deal.title)?.title;
    items.push({
      item,
      ...(title ? { title } : {}),
      sales,
      lowest,
      highest,
      gap: highest.price - lowest.price,
      gapRatio: lowest.price > 0 ? (highest.price - lowest.price) / lowest.price : 0,
    });
  }
  items.sort((a, b) => b.gap - a.gap || b.gapRatio - a.gapRatio || (a.item < b.item ? -1 : 1));
  return {
    itemsSold: groups.size,
    itemsSoldInSeveralArms: items.length,
    ...(items.length > 0
      ? { medianGapRatio: middle(items.map((i) => i.gapRatio)), medianGap: middle(items.map((i) => i.gap)) }
      : {}),
    examples: items.slice(0, options.examples ?? 5),
    items,
  };
}
