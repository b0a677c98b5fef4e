import type { MoveKind } from "../language/move.ts";
import { atLeastAsGood, shouldAccept, withinLimit } from "./acceptance.ts";
import {
  buyerOpeningDiscount,
  buyerPatience,
  type LeverageFacts,
  leverageToVoice,
  sellerPatience,
} from "./leverage.ts";
import { modelOpponent, type OpponentModel } from "./opponent-model.ts";
import {
  avoidSecrets,
  better,
  clampPrice,
  type PriceBounds,
  priceStep,
  roundInOurFavour,
  worse,
} from "./price-rules.ts";
import type { TierParams } from "./tiers.ts";
import { negotiationTime, timeTarget } from "./time-tactic.ts";

type Role = "seller" | "buyer";

/** The share of its time after which a modelling tier stops holding out for the opponent's predicted price. */
const HEADING_HORIZON = 0.8;

/** Everything the strategy needs about one negotiation, seen from our side. Prices are integer cents. */
export interface Situation {
  role: Role;
  tier: TierParams;
  /** Our limit: the reserve (seller) or the most we may pay, within the budget left (buyer). */
  limit: number;
  /** The listing's public asking price. */
  askingPrice: number;
  /** Our offers in this thread, oldest first. */
  myPrices: readonly number[];
  /** Their offers in this thread, oldest first. */
  theirPrices: readonly number[];
  /** Their offer we could accept right now, if one stands. */
  theirOpenOffer?: number;
  /** A price they wrote in words without a typed offer behind it (a person typing, say). */
  theirWordPrice?: number;
  /** A floor or ceiling they stated in words. */
  theirStatedBound?: number;
  /** Offers we have made in this thread (the engine's count). */
  myOfferCount: number;
  /** Most offers one side may make in a thread. */
  cap: number;
  facts: LeverageFacts;
  /** Numbers our words must never show: reserve, max price, budget. */
  secrets: readonly number[];
  /**
   * 0..1, drawn once per negotiation from the agent's own seed: scales the margin it keeps back from
   * its limit (see `TierParams.holdBack`), so the counterpart cannot work the limit back from it.
   * 0.5 when not given.
   */
  noise?: number;
}

export type Decision =
  | { action: "accept"; kind: "accept"; price: number; leverage: string[] }
  | { action: "offer"; kind: MoveKind; price: number; leverage: string[] }
  | { action: "walk-away"; kind: "walk-away"; leverage: string[] };

/**
 * How far short of our limit we stop (cents, never negative): the tier's hold-back share of our room
 * to concede, scaled by the negotiation's noise, in full while their best offer is a whole room away
 * from our limit and shrinking to nothing as it comes to the limit. A counterpart who stalls far off
 * gets the margin; one who comes close, as any buyer with a deal in reach does, meets us.
 */
export function holdBackMargin(
  situation: Situation,
  theirBest = bestOf(situation),
  share = situation.tier.holdBack,
): number {
  const { role, tier, limit, askingPrice } = situation;
  if (share <= 0) return 0;
  const room = role === "seller" ? askingPrice - limit : limit - askingPrice * tier.buyerOpening;
  if (room <= 0) return 0;
  const apart = theirBest === undefined ? room : role === "seller" ? limit - theirBest : theirBest - limit;
  // Within a price step of our limit they have come as far as rounding lets them: no margin is left,
  // or two sides that both keep one back would stop a step apart.
  const far = Math.min(1, Math.max(0, (apart - priceStep(limit)) / room));
  const noise = 0.75 + 0.5 * Math.min(1, Math.max(0, situation.noise ?? 0.5));
  return share * room * far * noise;
}

/** Their best offer so far, from our side (a typed offer, or a price they wrote), if any. */
function bestOf(situation: Situation): number | undefined {
  const prices = [...situation.theirPrices];
  if (situation.theirWordPrice !== undefined) prices.push(situation.theirWordPrice);
  if (prices.length === 0) return undefined;
  return situation.role === "seller" ? Math.max(...prices) : Math.min(...prices);
}

/** Where our concessions end: the limit, less the margin we keep back (never past the asking price). */
function concessionEnd(situation: Situation, share = situation.tier.holdBack): number {
  const { role, limit, askingPrice } = situation;
  const margin = holdBackMargin(situation, bestOf(situation), share);
  return role === "seller" ? limit + margin : Math.min(limit - margin, askingPrice);
}

/** Our first price: the tier's opening, pulled towards the other side's first number if the tier is prone to it. */
export function openingPrice(situation: Situation): number {
  const { role, tier, askingPrice, limit } = situation;
  if (role === "seller") {
    let opening = askingPrice * tier.sellerOpening;
    const theirFirst = situation.theirPrices[0];
    if (theirFirst !== undefined && theirFirst < opening) opening += tier.anchorPull * (theirFirst - opening);
    // However far their first number pulls us, we open above where we would stop.
    opening = Math.max(opening, concessionEnd(situation, Math.max(tier.holdBack, tier.openingHoldBack)));
    return clampPrice(roundInOurFavour(role, opening), { role, limit, asking: askingPrice });
  }
  const ratio = tier.buyerOpening - (tier.usesLeverage ? buyerOpeningDiscount(situation.facts) : 0);
  let opening = askingPrice * ratio;
  opening += tier.anchorPull * (askingPrice - opening);
  opening = Math.min(opening, limit * tier.buyerOpeningOfLimit, askingPrice);
  return clampPrice(roundInOurFavour(role, opening), { role, limit, asking: askingPrice });
}

/** The model of the other side, as this tier reads it. */
export function opponentOf(situation: Situation): OpponentModel {
  const { role, tier } = situation;
  return modelOpponent(situation.theirPrices, {
    direction: role === "seller" ? 1 : -1,
    remaining: Math.max(0, situation.cap - situation.theirPrices.length),
    ...(situation.myPrices[0] !== undefined ? { ourOpening: situation.myPrices[0] } : {}),
    ...(situation.theirStatedBound !== undefined ? { statedBound: situation.theirStatedBound } : {}),
    trustInWords: tier.trustInWords,
  });
}

/**
 * The price we would propose next, before acceptance is considered: the tier's tactic (time curve,
 * tit-for-tat or split), adapted to the opponent for tiers that model it, rounded as people round,
 * then clamped so it never passes our limit, never goes back on an earlier concession and never
 * offers more than they asked for.
 */
export function nextPrice(situation: Situation, model = opponentOf(situation)): number {
  const { role, tier, limit } = situation;
  const previous = situation.myPrices.at(-1);
  const theirs = situation.theirPrices.at(-1);
  const opening = situation.myPrices[0] ?? openingPrice(situation);
  const bounds: PriceBounds = {
    role,
    limit,
    asking: situation.askingPrice,
    ...(previous !== undefined ? { previous } : {}),
    ...(theirs !== undefined ? { theirs } : {}),
  };
  if (previous === undefined) return avoidSecrets(clampPrice(opening, bounds), situation.secrets, bounds);
  // At the deadline the limit itself may be offered (the words then leave the number out, and never
  // call it our best), so a zone of agreement one price wide is not lost. A tier that keeps a margin
  // back only gets there once their offers have come to our limit: a counterpart who stalls far off
  // never sees it. Before the deadline, prices keep off every secret number.
  const atDeadline = negotiationTime(situation.myOfferCount + 1, tier.deadline) >= 1;
  const secrets = atDeadline ? situation.secrets.filter((secret) => secret !== limit) : situation.secrets;

  // The curve ends short of the limit by what we keep back from a counterpart who stays far off; a
  // buyer never needs to go above the asking price.
  const curveEnd = concessionEnd(situation);
  const t = negotiationTime(situation.myOfferCount + 1, tier.deadline);
  const patience = tier.usesLeverage
    ? role === "seller"
      ? sellerPatience(situation.facts)
      : buyerPatience(situation.facts)
    : 1;
  const curve = { e: tier.curve.e * patience, k: tier.curve.k };
  let target = timeTarget(t, { anchor: opening, limit: curveEnd }, curve);

  if (tier.tactic === "tit-for-tat") {
    const span = Math.abs(opening - curveEnd);
    const theirs = situation.theirPrices;
    const theirStep = theirs.length >= 2 ? Math.abs(theirs.at(-1)! - theirs.at(-2)!) : 0;
    const step = Math.max(theirStep, tier.minimumStep * span, priceStep(previous));
    target = role === "seller" ? previous - step : previous + step;
  }
  if (tier.tactic === "split" || negotiationTime(situation.myOfferCount, tier.deadline) >= tier.splitFrom) {
    if (theirs !== undefined) {
      const midpoint = (previous + theirs) / 2;
      target = tier.tactic === "split" ? midpoint : worse(role, target, midpoint);
    }
  }
  const stated = situation.theirStatedBound;
  if (stated !== undefined && tier.trustInWords >= 0.8 && withinLimit(role, stated, limit)) {
    // A credulous negotiator takes "my max is $40" at its word and moves to it.
    target = worse(role, target, target + tier.trustInWords * (stated - target));
  }
  if (tier.modelsOpponent && model.predictedFinal !== undefined && model.offers >= 2) {
    // Hold where they are heading: no need to concede past what their own trend will bring. The
    // prediction is trusted less as the deadline nears, so two patient agents still meet in time.
    // They will not come past our own last price.
    const heading = worse(role, model.predictedFinal, previous);
    const trust = Math.max(0, 1 - t / HEADING_HORIZON);
    if (withinLimit(role, heading, limit) && atLeastAsGood(role, heading, target)) {
      target += trust * (heading - target);
    }
  }
  // Splitting the difference or believing their words never takes us past where our concessions end.
  target = better(role, target, curveEnd);
  let price = clampPrice(roundInOurFavour(role, target), bounds);
  const heldLastTime = situation.myPrices.length >= 2 && situation.myPrices.at(-2) === previous;
  if (tier.reciprocates && price === previous && heldLastTime && situation.theirPrices.length >= 2) {
    // Two standstills in a row would tell them we stopped talking: move one visible step instead.
    // (Never past where our concessions end: a counterpart who stalls far off does not walk us down.)
    const step = priceStep(previous);
    const stepped = better(role, role === "seller" ? previous - step : previous + step, curveEnd);
    price = clampPrice(roundInOurFavour(role, stepped), bounds);
  }
  return avoidSecrets(price, secrets, bounds);
}

function moveKindFor(situation: Situation, price: number): MoveKind {
  const previous = situation.myPrices.at(-1);
  if (previous === undefined) return situation.role === "buyer" ? "greet" : "anchor";
  const conceded = Math.abs(previous - price);
  if (conceded === 0) return "hold-firm";
  const span = Math.abs((situation.myPrices[0] ?? previous) - situation.limit);
  return span > 0 && conceded >= 0.2 * span ? "concede" : "counter";
}

/**
 * The strategy's one decision per turn: accept their offer, make (or revise) ours, or walk away.
 * Pure and deterministic. Never accepts or offers outside the limit.
 * @example nextMove({ role: "seller", tier: TIERS.strong, limit: 6000, askingPrice: 10000, ... })
 */
export function nextMove(situation: Situation): Decision {
  const { role, tier, limit } = situation;
  const model = opponentOf(situation);
  const lastChance = situation.myOfferCount >= situation.cap;
  const round = situation.myPrices.length;
  const t = negotiationTime(situation.myOfferCount, tier.deadline);
  const price = nextPrice(situation, model);
  const voice = (extra: string[] = []): string[] =>
    tier.usesLeverage ? [...extra, ...leverageToVoice(role, round, t, situation.facts)].slice(0, 2) : extra;

  const open = situation.theirOpenOffer;
  if (open !== undefined) {
    const accept = shouldAccept(tier.acceptance, {
      role,
      offer: open,
      limit,
      nextPrice: price,
      t,
      theirPrices: situation.theirPrices.length ? situation.theirPrices : [open],
      lastChance,
    });
    if (accept) return { action: "accept", kind: "accept", price: open, leverage: [] };
    // A seller standing still inside our limit has shown its floor: holding out for less only gives
    // other buyers time to take the item. One step under it may still be taken; if not, take the floor.
    if (tier.takesStandstill && role === "buyer" && model.stalled && withinLimit(role, open, limit)) {
      const previous = situation.myPrices.at(-1);
      const bounds: PriceBounds = { role, limit, asking: situation.askingPrice, theirs: open };
      const justUnder = avoidSecrets(open - priceStep(open), situation.secrets, bounds);
      if (previous !== undefined && justUnder > previous && justUnder < open) {
        return { action: "offer", kind: "counter", price: justUnder, leverage: voice(["final"]) };
      }
      return { action: "accept", kind: "accept", price: open, leverage: [] };
    }
  }

  // A price they named without offering it: put it in an offer they can accept, if we would take it.
  const words = situation.theirWordPrice;
  if (!lastChance && words !== undefined && (open === undefined || atLeastAsGood(role, words, open))) {
    const wouldTake = shouldAccept(tier.acceptance, {
      role,
      offer: words,
      limit,
      nextPrice: price,
      t,
      theirPrices: [...situation.theirPrices, words],
      lastChance: false,
    });
    const previous = situation.myPrices.at(-1);
    const allowed = previous === undefined || atLeastAsGood(role, previous, words);
    if (wouldTake && allowed && !situation.secrets.includes(words)) {
      return { action: "offer", kind: "accept", price: words, leverage: ["reoffer"] };
    }
  }

  if (lastChance) return { action: "walk-away", kind: "walk-away", leverage: [] };

  // Late on, re-offer the best price they proposed earlier if they have since gone back on it.
  if (tier.reoffersBest && model.best !== undefined && t >= 0.7) {
    const best = model.best;
    const previous = situation.myPrices.at(-1);
    const backedOff = open === undefined || !atLeastAsGood(role, open, best);
    if (
      backedOff &&
      withinLimit(role, best, limit) &&
      atLeastAsGood(role, best, price) &&
      (previous === undefined || atLeastAsGood(role, previous, best)) &&
      !situation.secrets.includes(best)
    ) {
      return { action: "offer", kind: "counter", price: best, leverage: ["reoffer"] };
    }
  }

  // Walk away once our time is up and they have stopped moving outside our limit: no deal is possible.
  const theirLast = situation.theirPrices.at(-1);
  if (t >= 1 && model.stalled && theirLast !== undefined && !withinLimit(role, theirLast, limit)) {
    return { action: "walk-away", kind: "walk-away", leverage: [] };
  }

  // "That's my best price" is said at the end of our concessions, which stop short of the limit
  // while they stay far off; never of a price at the limit itself.
  const end = concessionEnd(situation);
  const atEnd = Math.abs(price - end) <= priceStep(end) && price !== limit;
  const final = price !== limit && (situation.myOfferCount + 1 >= situation.cap || (atEnd && t >= 0.9));
  return {
    action: "offer",
    kind: moveKindFor(situation, price),
    price,
    leverage: voice(final ? ["final"] : []),
  };
}
