import type { DealRecord } from "./deal-record.ts";
import { orderTiers } from "./reference-tier.ts";
import { correlations } from "./stats.ts";
import type { SurveyResponse } from "./survey.ts";

/** One rating set against what the rater measurably got. */
export interface RatedShare {
  arm: string;
  dealId: string;
  participant: string;
  side: "seller" | "buyer";
  tier: string;
  /** Absent when the rater left the question blank. */
  fairness?: number;
  satisfaction?: number;
  wouldPay?: boolean;
  /** The rater's share of the deal's surplus; undefined when the deal's limits are unknown. */
  share?: number;
}

export interface PerceptionByTier {
  tier: string;
  /** "seller", "buyer" or "both". */
  side: "seller" | "buyer" | "both";
  responses: number;
  /** Over the raters who answered the question; absent when none did. */
  meanFairness?: number;
  meanSatisfaction?: number;
  wouldPayRate?: number;
  /** Mean measured surplus share of the raters (those with known limits). */
  meanShare?: number;
}

export interface PerceptionGap {
  responses: number;
  /** Responses that name no known deal (ignored). */
  unmatched: number;
  /** Rated fairness against measured surplus share, across all raters with a share. */
  fairnessVsShare: { pearson?: number; spearman?: number; n: number };
  satisfactionVsShare: { pearson?: number; spearman?: number; n: number };
  byTier: PerceptionByTier[];
  rated: RatedShare[];
}

const average = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
/** The mean of the answers given, or nothing when nobody answered. */
const meanOf = (values: (number | undefined)[]) => {
  const given = values.filter((value): value is number => value !== undefined);
  return given.length > 0 ? average(given) : undefined;
};

/** Sets people's fairness ratings against the surplus share they measurably got, by tier. */
export function perceptionGap(
  responses: readonly SurveyResponse[],
  deals: readonly DealRecord[],
  reference?: string,
): PerceptionGap {
  const index = new Map<string, DealRecord>();
  for (const deal of deals) if (deal.dealId) index.set(`${deal.arm}|${deal.dealId}`, deal);
  const rated: RatedShare[] = [];
  let unmatched = 0;
  for (const response of responses) {
    const deal = index.get(`${response.arm}|${response.dealId}`);
    if (!deal || (response.participant !== deal.seller && response.participant !== deal.buyer)) {
      unmatched++;
      continue;
    }
    const side = response.participant === deal.seller ? "seller" : "buyer";
    const known = deal.reserve !== undefined && deal.maxPrice !== undefined && deal.maxPrice > deal.reserve;
    const sellerShare = known ? (deal.price - deal.reserve!) / (deal.maxPrice! - deal.reserve!) : undefined;
    rated.push({
      arm: response.arm,
      dealId: response.dealId,
      participant: response.participant,
      side,
      tier: side === "seller" ? deal.sellerTier : deal.buyerTier,
      ...(response.fairness !== undefined ? { fairness: response.fairness } : {}),
      ...(response.satisfaction !== undefined ? { satisfaction: response.satisfaction } : {}),
      ...(response.wouldPay !== undefined ? { wouldPay: response.wouldPay } : {}),
      ...(sellerShare !== undefined ? { share: side === "seller" ? sellerShare : 1 - sellerShare } : {}),
    });
  }
  const withShare = rated.filter((r) => r.share !== undefined);
  const fairnessRated = withShare.filter((r) => r.fairness !== undefined);
  const satisfactionRated = withShare.filter((r) => r.satisfaction !== undefined);
  const byTier: PerceptionByTier[] = [];
  for (const side of ["both", "seller", "buyer"] as const) {
    for (const tier of orderTiers(
      rated.map((r) => r.tier),
      reference,
    )) {
      const mine = rated.filter((r) => r.tier === tier && (side === "both" || r.side === side));
      if (mine.length === 0) continue;
      const shares = mine.filter((r) => r.share !== undefined).map((r) => r.share!);
      const meanFairness = meanOf(mine.map((r) => r.fairness));
      const meanSatisfaction = meanOf(mine.map((r) => r.satisfaction));
      const wouldPayRate = meanOf(
        mine.map((r) => (r.wouldPay === undefined ? undefined : r.wouldPay ? 1 : 0)),
      );
      byTier.push({
        tier,
        side,
        responses: mine.length,
        ...(meanFairness !== undefined ? { meanFairness } : {}),
        ...(meanSatisfaction !== undefined ? { meanSatisfaction } : {}),
        ...(wouldPayRate !== undefined ? { wouldPayRate } : {}),
        ...(shares.length > 0 ? { meanShare: average(shares) } : {}),
      });
    }
  }
  return {
    responses: responses.length,
    unmatched,
    fairnessVsShare: correlations(
      fairnessRated.map((r) => r.share!),
      fairnessRated.map((r) => r.fairness!),
    ),
    satisfactionVsShare: correlations(
      satisfactionRated.map((r) => r.share!),
      satisfactionRated.map((r) => r.satisfaction!),
    ),
    byTier,
    rated,
  };
}
