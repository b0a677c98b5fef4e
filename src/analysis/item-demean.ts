import type { DealRecord } from "./deal-record.ts";
import { groupBy } from "./stats.ts";

/**
 * Each deal's log price minus the mean log price of the same item's deals (the item sold in several
 * arms), so what is left is how this sale differed from the item's usual price: 0.1 is about 10.5%
 * above. Items sold only once carry no comparison and are left out.
 */
export function itemDemeanedLogPrices(deals: readonly DealRecord[]): Map<DealRecord, number> {
  const out = new Map<DealRecord, number>();
  for (const group of groupBy(
    deals.filter((deal) => deal.price > 0),
    (deal) => deal.item,
  ).values()) {
    if (group.length < 2) continue;
    const mean = group.reduce((sum, deal) => sum + Math.log(deal.price), 0) / group.length;
    for (const deal of group) out.set(deal, Math.log(deal.price) - mean);
  }
  return out;
}

/** A mean log difference as a percentage difference: 0.1 -> 0.105. */
export function logToPercent(value: number): number {
  return Math.exp(value) - 1;
}
