import { armParticipants } from "./arm-totals.ts";
import type { DealRateContrast } from "./deal-rates.ts";
import type { DealRecord } from "./deal-record.ts";
import type { ArmInput } from "./read-input.ts";
import { groupBy } from "./stats.ts";
import type { TierContrast, TierEffects } from "./tier-effects.ts";

/**
 * Below these counts a comparison says "too few to tell" and gives no interval and no p-value: a
 * bootstrap over a handful of units gives intervals far too narrow (two items give a zero-width one),
 * and a permutation test over a handful cannot reach p < 0.05 at all, so neither can be read as the
 * usual 95% / 5%. The point estimate is kept in results.json and the tables, marked.
 */
export const MINIMUMS = {
  /**
   * Items sold under both tiers on the side compared (with item fixed effects only those items say
   * anything about the contrast), or, comparing by asking price in one market, deals of each tier.
   */
  units: 10,
  /** Different people of each tier on the side compared; for deals per person, in the mixed arms. */
  people: 5,
} as const;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Why a tier contrast has too few data, or undefined when it has enough. */
function tierShortfall(
  contrast: TierContrast,
  deals: readonly DealRecord[],
  method: TierEffects["method"],
): string | undefined {
  const tierOf = (deal: DealRecord) => (contrast.side === "seller" ? deal.sellerTier : deal.buyerTier);
  const personOf = (deal: DealRecord) => (contrast.side === "seller" ? deal.seller : deal.buyer);
  const priced = deals.filter((deal) => deal.price > 0);
  let used: DealRecord[];
  let units: number;
  let unitText: string;
  if (method === "item-fixed-effects") {
    const informative = [...groupBy(priced, (deal) => deal.item).values()].filter((group) => {
      const tiers = new Set(group.map(tierOf));
      return tiers.has(contrast.tier) && tiers.has(contrast.reference);
    });
    used = informative.flat();
    units = informative.length;
    unitText = `${plural(units, "item")} sold under both tiers`;
  } else {
    used = priced.filter((deal) => (deal.askingPrice ?? 0) > 0);
    const mine = used.filter((deal) => tierOf(deal) === contrast.tier).length;
    const theirs = used.filter((deal) => tierOf(deal) === contrast.reference).length;
    units = Math.min(mine, theirs);
    unitText = `${mine} and ${theirs} deals`;
  }
  const people = (tier: string) => new Set(used.filter((deal) => tierOf(deal) === tier).map(personOf)).size;
  const mine = people(contrast.tier);
  const theirs = people(contrast.reference);
  if (units >= MINIMUMS.units && Math.min(mine, theirs) >= MINIMUMS.people) return undefined;
  const what = method === "item-fixed-effects" ? "items sold under both tiers" : "deals of each tier";
  return `${unitText}, ${mine} and ${theirs} different ${contrast.side}s; at least ${MINIMUMS.units} ${what} and ${MINIMUMS.people} ${contrast.side}s of each tier are needed`;
}

/** Tier contrasts below the minimums lose their intervals and p-values and say why (`tooFew`). */
export function withTierMinimums(effects: TierEffects, deals: readonly DealRecord[]): TierEffects {
  return {
    ...effects,
    contrasts: effects.contrasts.map((contrast) => {
      const tooFew = tierShortfall(contrast, deals, effects.method);
      if (!tooFew) return contrast;
      const { pValue: _p, ...rest } = contrast;
      return {
        ...rest,
        percent: { estimate: contrast.percent.estimate },
        cents: { estimate: contrast.cents.estimate },
        tooFew,
      };
    }),
  };
}

/** Deal-rate contrasts with fewer than MINIMUMS.people people of either tier in the mixed arms. */
export function withDealRateMinimums(
  rates: readonly DealRateContrast[],
  arms: readonly ArmInput[],
): DealRateContrast[] {
  const people = new Map<string, Set<string>>();
  for (const arm of arms) {
    const tiers = armParticipants(arm);
    if (new Set(tiers.values()).size < 2) continue;
    for (const [person, tier] of tiers) {
      const set = people.get(tier) ?? new Set<string>();
      set.add(person);
      people.set(tier, set);
    }
  }
  return rates.map((rate) => {
    const mine = people.get(rate.tier)?.size ?? 0;
    const theirs = people.get(rate.reference)?.size ?? 0;
    if (Math.min(mine, theirs) >= MINIMUMS.people) return rate;
    const { p: _p, ...rest } = rate;
    return {
      ...rest,
      interval: {},
      tooFew: `${mine} and ${theirs} different people in the mixed markets; at least ${MINIMUMS.people} of each tier are needed`,
    };
  });
}
