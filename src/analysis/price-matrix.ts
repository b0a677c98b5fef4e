import { createRng } from "../domain/random.ts";
import type { DealRecord } from "./deal-record.ts";
import { itemDemeanedLogPrices, logToPercent } from "./item-demean.ts";
import { orderTiers } from "./reference-tier.ts";
import { clusteredMean, groupBy, type Interval } from "./stats.ts";

/** Deals between one seller tier and one buyer tier. */
export interface PriceCell {
  sellerTier: string;
  buyerTier: string;
  deals: number;
  /** Mean price in cents (mixes different items: compare with care). */
  meanPrice: number;
  /** Deals of items sold more than once, which the adjusted figure uses. */
  comparableDeals: number;
  /**
   * How much above (or below, negative) the same items' average price these deals were, as a fraction;
   * undefined without items sold more than once.
   */
  vsItemAverage?: number;
}

export interface PriceMatrix {
  tiers: string[];
  cells: PriceCell[];
}

/** Mean price by seller tier x buyer tier, raw and relative to the same items' average. */
export function priceMatrix(deals: readonly DealRecord[], reference?: string): PriceMatrix {
  const tiers = orderTiers(
    deals.flatMap((deal) => [deal.sellerTier, deal.buyerTier]),
    reference,
  );
  const demeaned = itemDemeanedLogPrices(deals);
  const cells: PriceCell[] = [];
  for (const sellerTier of tiers) {
    for (const buyerTier of tiers) {
      const here = deals.filter((deal) => deal.sellerTier === sellerTier && deal.buyerTier === buyerTier);
      if (here.length === 0) {
        cells.push({ sellerTier, buyerTier, deals: 0, meanPrice: 0, comparableDeals: 0 });
        continue;
      }
      const adjusted = here.filter((deal) => demeaned.has(deal)).map((deal) => demeaned.get(deal)!);
      cells.push({
        sellerTier,
        buyerTier,
        deals: here.length,
        meanPrice: Math.round(here.reduce((sum, deal) => sum + deal.price, 0) / here.length),
        comparableDeals: adjusted.length,
        ...(adjusted.length > 0
          ? { vsItemAverage: logToPercent(adjusted.reduce((a, b) => a + b, 0) / adjusted.length) }
          : {}),
      });
    }
  }
  return { tiers, cells };
}

/** The prices one tier got (as seller) or paid (as buyer). */
export interface TierPrice {
  side: "seller" | "buyer";
  tier: string;
  deals: number;
  meanPrice: number;
  /** Deals of items sold more than once. */
  comparableDeals: number;
  /** Mean price relative to the same items' average, as a fraction, with a 95% interval over items. */
  vsItemAverage?: Interval;
}

/** Mean price by seller tier and by buyer tier, raw and relative to the same items' average. */
export function tierPrices(
  deals: readonly DealRecord[],
  options: { seed?: number; bootstrap?: number; reference?: string } = {},
): TierPrice[] {
  const demeaned = itemDemeanedLogPrices(deals);
  const rng = createRng(options.seed ?? 1).fork("tier-prices");
  const tiers = orderTiers(
    deals.flatMap((deal) => [deal.sellerTier, deal.buyerTier]),
    options.reference,
  );
  const out: TierPrice[] = [];
  for (const side of ["seller", "buyer"] as const) {
    for (const tier of tiers) {
      const mine = deals.filter((deal) => (side === "seller" ? deal.sellerTier : deal.buyerTier) === tier);
      if (mine.length === 0) continue;
      const comparable = mine.filter((deal) => demeaned.has(deal));
      let vsItemAverage: Interval | undefined;
      if (comparable.length > 0) {
        const clusters = [...groupBy(comparable, (deal) => deal.item).values()].map((group) =>
          group.map((deal) => demeaned.get(deal)!),
        );
        const { n: _n, ...interval } = clusteredMean(
          clusters,
          rng.fork(`${side}-${tier}`),
          options.bootstrap ?? 1000,
        );
        vsItemAverage = {
          estimate: logToPercent(interval.estimate),
          ...(interval.low !== undefined ? { low: logToPercent(interval.low) } : {}),
          ...(interval.high !== undefined ? { high: logToPercent(interval.high) } : {}),
        };
      }
      out.push({
        side,
        tier,
        deals: mine.length,
        meanPrice: Math.round(mine.reduce((sum, deal) => sum + deal.price, 0) / mine.length),
        comparableDeals: comparable.length,
        ...(vsItemAverage ? { vsItemAverage } : {}),
      });
    }
  }
  return out;
}
