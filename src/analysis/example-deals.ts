import type { DealRecord } from "./deal-record.ts";

/** One deal of an example pair, as the report names it (its transcript is read from its arm's log). */
export interface ExampleDeal {
  arm: string;
  dealId: string;
  seller: string;
  buyer: string;
  sellerTier: string;
  buyerTier: string;
  price: number;
}

/**
 * Two deals of the same item in two arms, one sold by a seller of `tier`, the other by the same person
 * on the `reference` tier, to the same buyer tier: as Project Deal showed its bike, the same thing sold
 * by a strong and by a weak agent, side by side.
 */
export interface ExamplePair {
  item: string;
  title?: string;
  askingPrice?: number;
  tier: string;
  reference: string;
  strong: ExampleDeal;
  weak: ExampleDeal;
  /** The gap the pair was chosen to be nearest: the measured seller premium (0.12: 12% more). */
  typicalGap: number;
}

const example = (deal: DealRecord): ExampleDeal => ({
  arm: deal.arm,
  dealId: deal.dealId!,
  seller: deal.seller,
  buyer: deal.buyer,
  sellerTier: deal.sellerTier,
  buyerTier: deal.buyerTier,
  price: deal.price,
});

/**
 * The example pair: among items sold in two arms by a `tier` seller and by a `reference` seller to
 * buyers of the same tier, the pair whose price gap (as a share of the weak seller's price) is nearest
 * `typicalGap` (the measured seller premium), so the example shows the typical difference rather than
 * the most striking one; ties go to the larger gap, then to the first item and arms by id.
 * Undefined when no item was sold both ways (deals without an id cannot be shown and are left out).
 */
export function exampleDealPair(
  deals: readonly DealRecord[],
  tier: string,
  reference: string,
  typicalGap: number,
): ExamplePair | undefined {
  const byItem = new Map<string, DealRecord[]>();
  for (const deal of deals) {
    if (!deal.dealId || deal.price <= 0) continue;
    if (deal.sellerTier !== tier && deal.sellerTier !== reference) continue;
    const list = byItem.get(deal.item);
    if (list) list.push(deal);
    else byItem.set(deal.item, [deal]);
  }
  const order = (a: DealRecord, b: DealRecord) => (a.arm < b.arm ? -1 : a.arm > b.arm ? 1 : 0);
  let best: { strong: DealRecord; weak: DealRecord; gap: number; distance: number } | undefined;
  for (const item of [...byItem.keys()].sort()) {
    const sales = byItem.get(item)!;
    const strongs = sales.filter((deal) => deal.sellerTier === tier).sort(order);
    const weaks = sales.filter((deal) => deal.sellerTier === reference).sort(order);
    for (const strong of strongs) {
      for (const weak of weaks) {
        if (strong.arm === weak.arm || strong.buyerTier !== weak.buyerTier) continue;
        const gap = (strong.price - weak.price) / weak.price;
        const distance = Math.abs(gap - typicalGap);
        if (
          !best ||
          distance < best.distance - 1e-12 ||
          (Math.abs(distance - best.distance) <= 1e-12 && gap > best.gap)
        ) {
          best = { strong, weak, gap, distance };
        }
      }
    }
  }
  if (!best) return undefined;
  const { strong, weak } = best;
  return {
    item: strong.item,
    ...(strong.title !== undefined ? { title: strong.title } : {}),
    ...(strong.askingPrice !== undefined ? { askingPrice: strong.askingPrice } : {}),
    tier,
    reference,
    strong: example(strong),
    weak: example(weak),
    typicalGap,
  };
}
