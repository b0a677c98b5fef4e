import type { ArmInput } from "./read-input.ts";
import { medianCents } from "./stats.ts";

/** Headline numbers of one arm. Money in cents. */
export interface ArmTotals {
  arm: string;
  /** The config arm it repeats (arms with the same name are repetitions). */
  armName: string;
  repetition: number;
  /** Listings posted; undefined when the input has no listings (a deals file). */
  listings?: number;
  /** Share of listings sold. */
  saleRate?: number;
  deals: number;
  volume: number;
  medianPrice?: number;
  /** People who took part (listed, wanted or traded). */
  participants: number;
  /** People per tier, e.g. { "engine:strong": 35, "engine:weak": 34 }. */
  tiers: Record<string, number>;
}

/** Participants of an arm and their tiers, from every record that names one. */
export function armParticipants(arm: ArmInput): Map<string, string> {
  const tierOf = new Map<string, string>();
  const { deals, listings, wants } = arm.records;
  for (const listing of listings) tierOf.set(listing.seller, listing.sellerTier);
  for (const want of wants) tierOf.set(want.buyer, want.buyerTier);
  for (const deal of deals) {
    if (!tierOf.has(deal.seller)) tierOf.set(deal.seller, deal.sellerTier);
    if (!tierOf.has(deal.buyer)) tierOf.set(deal.buyer, deal.buyerTier);
  }
  return tierOf;
}

export function armTotals(arms: readonly ArmInput[]): ArmTotals[] {
  return arms.map((arm) => {
    const { deals, listings } = arm.records;
    const prices = deals.map((deal) => deal.price);
    const tiers: Record<string, number> = {};
    for (const tier of armParticipants(arm).values()) tiers[tier] = (tiers[tier] ?? 0) + 1;
    return {
      arm: arm.id,
      armName: arm.arm,
      repetition: arm.repetition,
      ...(listings.length > 0
        ? {
            listings: listings.length,
            saleRate: listings.filter((listing) => listing.sold).length / listings.length,
          }
        : {}),
      deals: deals.length,
      volume: prices.reduce((sum, price) => sum + price, 0),
      ...(prices.length > 0 ? { medianPrice: medianCents(prices) } : {}),
      participants: armParticipants(arm).size,
      tiers: Object.fromEntries(Object.entries(tiers).sort()),
    };
  });
}
