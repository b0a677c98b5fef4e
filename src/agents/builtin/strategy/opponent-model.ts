/**
 * What the other side's offers reveal, in the way AgentK and HardHeaded read them: how fast it
 * concedes, whether it has stopped, and where it is heading (an estimate of its limit). Prices are
 * integer cents; `direction` is +1 when their concessions raise the price (they are the buyer) and -1
 * when they lower it (they are the seller).
 */
export interface OpponentModel {
  offers: number;
  first?: number;
  last?: number;
  /** Their best offer so far, from our side's point of view. */
  best?: number;
  /** Mean concession per offer over the recent window, in cents towards us (never negative). */
  concessionPerOffer: number;
  /** Last concession over the mean of the earlier ones: below 1 slowing down, above 1 speeding up. */
  trend: number;
  /** True when their last two offers did not move. */
  stalled: boolean;
  /** Where they are heading if they keep conceding as they have, over the offers they have left. */
  predictedFinal?: number;
  /** Their concession so far as a share of the gap they faced at the start (0 = not moved). */
  concededShare: number;
}

export interface ModelOptions {
  /** +1 if they concede by raising the price (they buy), -1 if by lowering it (they sell). */
  direction: 1 | -1;
  /** Offers they are likely to make before their deadline. */
  remaining: number;
  /** Our own opening price: the gap they faced at the start is between it and their first offer. */
  ourOpening?: number;
  /** A floor or ceiling they wrote in words ("I can't go over $50"): a soft bound. */
  statedBound?: number;
  /** How much of a stated bound to believe, 0 (ignore) to 1 (take it as true). */
  trustInWords?: number;
}

const WINDOW = 3;

/** Builds the model from their offers in order (oldest first). */
export function modelOpponent(prices: readonly number[], options: ModelOptions): OpponentModel {
  const { direction } = options;
  const n = prices.length;
  if (n === 0) return { offers: 0, concessionPerOffer: 0, trend: 1, stalled: false, concededShare: 0 };
  const first = prices[0]!;
  const last = prices[n - 1]!;
  const best = direction > 0 ? Math.max(...prices) : Math.min(...prices);
  const concessions: number[] = [];
  for (let i = 1; i < n; i++) concessions.push(Math.max(0, direction * (prices[i]! - prices[i - 1]!)));
  const recent = concessions.slice(-WINDOW);
  const concessionPerOffer = recent.length ? recent.reduce((sum, c) => sum + c, 0) / recent.length : 0;
  const earlier = concessions.slice(0, -1);
  const earlierMean = earlier.length ? earlier.reduce((sum, c) => sum + c, 0) / earlier.length : 0;
  const lastConcession = concessions.at(-1) ?? 0;
  const trend = earlierMean > 0 ? lastConcession / earlierMean : 1;
  const stalled = concessions.length >= 2 && concessions.at(-1) === 0 && concessions.at(-2) === 0;

  // Extrapolate a geometric series of concessions: the next is the last times the (clamped) trend.
  let predictedFinal: number | undefined;
  if (concessions.length >= 1) {
    const ratio = Math.min(1, Math.max(0.3, trend));
    let step = Math.max(lastConcession, concessionPerOffer * 0.5);
    let travel = 0;
    for (let i = 0; i < Math.max(0, options.remaining); i++) {
      step *= ratio;
      travel += step;
    }
    predictedFinal = best + direction * travel;
  }
  if (options.statedBound !== undefined && predictedFinal !== undefined) {
    const trust = Math.min(1, Math.max(0, options.trustInWords ?? 0.5));
    // A stated bound only ever pulls the prediction back: nobody says "I'd pay more".
    if (direction * (options.statedBound - predictedFinal) < 0) {
      predictedFinal = predictedFinal + trust * (options.statedBound - predictedFinal);
    }
    if (direction * (predictedFinal - best) < 0) predictedFinal = best;
  }
  const gap = options.ourOpening !== undefined ? Math.abs(options.ourOpening - first) : 0;
  const concededShare = gap > 0 ? Math.min(1, Math.max(0, (direction * (last - first)) / gap)) : 0;
  return {
    offers: n,
    first,
    last,
    best,
    concessionPerOffer,
    trend,
    stalled,
    ...(predictedFinal !== undefined ? { predictedFinal } : {}),
    concededShare,
  };
}
