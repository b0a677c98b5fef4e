import { createRng } from "../domain/random.ts";
import type { DealRecord } from "./deal-record.ts";
import { orderTiers } from "./reference-tier.ts";
import { clusteredMean, groupBy, type Interval } from "./stats.ts";

/** One side's share of one deal's surplus (max price - reserve). */
export interface SurplusShare {
  arm: string;
  dealId?: string;
  item: string;
  side: "seller" | "buyer";
  participant: string;
  tier: string;
  counterpartTier: string;
  /** Seller: (price - reserve) / (max price - reserve); buyer: 1 minus that. */
  share: number;
  /** This side's surplus in cents: seller price - reserve; buyer max price - price. */
  surplus: number;
}

export interface TierShare {
  side: "seller" | "buyer";
  tier: string;
  deals: number;
  /** Mean share with a 95% interval resampling participants. */
  share: Interval;
  /** Mean surplus in cents per deal. */
  meanSurplus: number;
}

export interface PairingShare {
  sellerTier: string;
  buyerTier: string;
  deals: number;
  /** The seller's mean share when this seller tier meets this buyer tier. */
  sellerShare: number;
}

export interface SurplusShares {
  /** Deals whose reserve and max price are known and differ. */
  dealsCounted: number;
  /** Deals left out: limits unknown, or max price equal to the reserve (no surplus to split). */
  dealsLeftOut: number;
  byTier: TierShare[];
  byPairing: PairingShare[];
  /** Every share, for the distribution plot and the perception analysis. */
  shares: SurplusShare[];
}

/** Each side's share of the surplus of its deals: the fairness audit, by tier. */
export function surplusShares(
  deals: readonly DealRecord[],
  options: { seed?: number; bootstrap?: number; reference?: string } = {},
): SurplusShares {
  const shares: SurplusShare[] = [];
  let left = 0;
  for (const deal of deals) {
    if (deal.reserve === undefined || deal.maxPrice === undefined || deal.maxPrice <= deal.reserve) {
      left++;
      continue;
    }
    const whole = deal.maxPrice - deal.reserve;
    const seller = (deal.price - deal.reserve) / whole;
    const common = { arm: deal.arm, ...(deal.dealId ? { dealId: deal.dealId } : {}), item: deal.item };
    shares.push({
      ...common,
      side: "seller",
      participant: deal.seller,
      tier: deal.sellerTier,
      counterpartTier: deal.buyerTier,
      share: seller,
      surplus: deal.price - deal.reserve,
    });
    shares.push({
      ...common,
      side: "buyer",
      participant: deal.buyer,
      tier: deal.buyerTier,
      counterpartTier: deal.sellerTier,
      share: 1 - seller,
      surplus: deal.maxPrice - deal.price,
    });
  }
  const rng = createRng(options.seed ?? 1).fork("surplus-shares");
  const tiers = orderTiers(
    shares.map((s) => s.tier),
    options.reference,
  );
  const byTier: TierShare[] = [];
  for (const side of ["seller", "buyer"] as const) {
    for (const tier of tiers) {
      const mine = shares.filter((s) => s.side === side && s.tier === tier);
      if (mine.length === 0) continue;
      const clusters = [...groupBy(mine, (s) => `${s.arm}|${s.participant}`).values()].map((group) =>
        group.map((s) => s.share),
      );
      const { n: _n, ...share } = clusteredMean(
        clusters,
        rng.fork(`${side}-${tier}`),
        options.bootstrap ?? 1000,
      );
      byTier.push({
        side,
        tier,
        deals: mine.length,
        share,
        meanSurplus: Math.round(mine.reduce((sum, s) => sum + s.surplus, 0) / mine.length),
      });
    }
  }
  const byPairing: PairingShare[] = [];
  for (const sellerTier of tiers) {
    for (const buyerTier of tiers) {
      const mine = shares.filter(
        (s) => s.side === "seller" && s.tier === sellerTier && s.counterpartTier === buyerTier,
      );
      if (mine.length === 0) continue;
      byPairing.push({
        sellerTier,
        buyerTier,
        deals: mine.length,
        sellerShare: mine.reduce((sum, s) => sum + s.share, 0) / mine.length,
      });
    }
  }
  return { dealsCounted: shares.length / 2, dealsLeftOut: left, byTier, byPairing, shares };
}
