import { armParticipants } from "./arm-totals.ts";
import type { ArmInput } from "./read-input.ts";

/** How much the people of one tier traded, per person and arm. Money in cents. */
export interface TierParticipation {
  /** The arm, or "all" for every arm together. */
  arm: string;
  tier: string;
  /** Person-arms: a person in two arms counts twice. */
  participants: number;
  dealsAsSeller: number;
  dealsAsBuyer: number;
  perPersonAsSeller: number;
  perPersonAsBuyer: number;
  /** Cents earned selling and spent buying. */
  earned: number;
  spent: number;
  listings?: number;
  /** Share of this tier's listings that sold. */
  saleRate?: number;
  wants?: number;
  /** Share of this tier's wants that got a deal (deals as buyer over wants). */
  wantsFilled?: number;
}

function rows(arm: string, inputs: readonly ArmInput[]): TierParticipation[] {
  const out = new Map<string, TierParticipation>();
  const row = (tier: string) => {
    let r = out.get(tier);
    if (!r) {
      r = {
        arm,
        tier,
        participants: 0,
        dealsAsSeller: 0,
        dealsAsBuyer: 0,
        perPersonAsSeller: 0,
        perPersonAsBuyer: 0,
        earned: 0,
        spent: 0,
      };
      out.set(tier, r);
    }
    return r;
  };
  let haveListings = false;
  let haveWants = false;
  const sold = new Map<string, number>();
  for (const input of inputs) {
    for (const tier of armParticipants(input).values()) row(tier).participants++;
    for (const deal of input.records.deals) {
      const s = row(deal.sellerTier);
      s.dealsAsSeller++;
      s.earned += deal.price;
      const b = row(deal.buyerTier);
      b.dealsAsBuyer++;
      b.spent += deal.price;
    }
    for (const listing of input.records.listings) {
      haveListings = true;
      const r = row(listing.sellerTier);
      r.listings = (r.listings ?? 0) + 1;
      if (listing.sold) sold.set(listing.sellerTier, (sold.get(listing.sellerTier) ?? 0) + 1);
    }
    for (const want of input.records.wants) {
      haveWants = true;
      const r = row(want.buyerTier);
      r.wants = (r.wants ?? 0) + 1;
    }
  }
  for (const r of out.values()) {
    r.perPersonAsSeller = r.participants ? r.dealsAsSeller / r.participants : 0;
    r.perPersonAsBuyer = r.participants ? r.dealsAsBuyer / r.participants : 0;
    if (haveListings) r.saleRate = r.listings ? (sold.get(r.tier) ?? 0) / r.listings : 0;
    if (haveWants) r.wantsFilled = r.wants ? Math.min(1, r.dealsAsBuyer / r.wants) : 0;
  }
  return [...out.values()].sort((a, b) => (a.tier < b.tier ? -1 : a.tier > b.tier ? 1 : 0));
}

/** Deals per participant by tier, as seller and as buyer: for every arm, then all arms together. */
export function participationByTier(arms: readonly ArmInput[]): TierParticipation[] {
  return [...rows("all", arms), ...arms.flatMap((arm) => rows(arm.id, [arm]))];
}
