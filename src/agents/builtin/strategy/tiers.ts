import type { AcceptanceRule } from "./acceptance.ts";
import type { TimeTactic } from "./time-tactic.ts";

/** The built-in negotiators, named after the part after "engine:" in a spec. */
export const TIER_NAMES = [
  "strong",
  "weak",
  "boulware",
  "conceder",
  "linear",
  "tit-for-tat",
  "split",
] as const;
export type TierName = (typeof TIER_NAMES)[number];

/**
 * One negotiator's parameters and skills. Tiers differ only here, as strong and weak models differ:
 * the same code runs every tier.
 */
export interface TierParams {
  name: TierName;
  description: string;
  /** How prices move: along a time curve, mirroring the other side, or splitting the difference. */
  tactic: "time" | "tit-for-tat" | "split";
  curve: TimeTactic;
  /** Own offers by which the curve reaches the limit (the engine's cap is 12 offers per side). */
  deadline: number;
  acceptance: AcceptanceRule;
  /** A buyer's opening as a share of the asking price, before leverage. */
  buyerOpening: number;
  /** When the asking price is out of reach, a buyer opens at this share of its own limit. */
  buyerOpeningOfLimit: number;
  /** A seller's opening as a share of the asking price. */
  sellerOpening: number;
  /** 0..1: how far its opening is pulled towards the other side's first number (first-proposal bias). */
  anchorPull: number;
  /** From this time on it offers the midpoint of its last price and theirs; Infinity for never. */
  splitFrom: number;
  /** Tit-for-tat's smallest concession per offer, as a share of the distance from anchor to limit. */
  minimumStep: number;
  /** Reads the other side's concessions and holds where they are heading (AgentK, HardHeaded). */
  modelsOpponent: boolean;
  /** Voices the item's flaws, age, condition, retail price and the other side's urgency, and prices them in. */
  usesLeverage: boolean;
  /** Never answers a concession with a standstill: moves at least one visible price step. */
  reciprocates: boolean;
  /** Late on, re-offers the best price the other side proposed (in an offer or in words). */
  reoffersBest: boolean;
  /** How much of the other side's stated floor or ceiling it believes, 0 to 1. */
  trustInWords: number;
  /** Threads a buyer keeps open at once for one want. */
  parallelThreads: number;
  /**
   * A buyer takes an offer within its limit once the seller has stood still for two offers: that is
   * the seller's floor, and holding out for less only gives other buyers time to take the item.
   */
  takesStandstill: boolean;
  /**
   * Talks it answers in one look at the market; the rest wait for its next look. A weaker model loses
   * track when many negotiations run at once. Infinity for all of them.
   */
  attention: number;
  /**
   * 0..1: the share of its room to concede (asking price to reserve, or opening to max price) it
   * keeps back from a counterpart whose offers stay far from its limit: a buyer who stalls low is
   * never walked down to the reserve. The margin shrinks as their best offer nears the limit, so a
   * counterpart who comes close still meets it; it is scaled by a secret noise per negotiation
   * (0.75 to 1.25), so the last price does not give the limit away either. 0 for the classic
   * baselines, whose curves end at the limit.
   */
  holdBack: number;
  /**
   * 0..1: the same for its opening alone: however far the other side's first number pulls it, a
   * seller opens at least this share of its room above its reserve (times the noise), so its first
   * counter never sits at the reserve. The larger of this and `holdBack` applies.
   */
  openingHoldBack: number;
  /** Hours a listing waits for buyers before its seller answers matching want ads itself. */
  pitchAfterHours: number;
  /**
   * Want ads a seller answers for one listing, over the market (one at a time, each after the last
   * ended); 0 for a seller that only waits for buyers.
   */
  pitchesPerListing: number;
}

const classic = {
  curve: { e: 1, k: 0 },
  deadline: 10,
  acceptance: { kind: "next" },
  buyerOpening: 0.6,
  buyerOpeningOfLimit: 0.75,
  sellerOpening: 1,
  anchorPull: 0,
  splitFrom: Number.POSITIVE_INFINITY,
  minimumStep: 0.04,
  modelsOpponent: false,
  usesLeverage: false,
  reciprocates: false,
  reoffersBest: false,
  trustInWords: 0.5,
  parallelThreads: 1,
  takesStandstill: false,
  attention: Number.POSITIVE_INFINITY,
  holdBack: 0,
  openingHoldBack: 0,
  pitchAfterHours: 48,
  pitchesPerListing: 1,
} as const satisfies Partial<TierParams>;

/** Parameter sets per tier. */
export const TIERS: Record<TierName, TierParams> = {
  strong: {
    ...classic,
    name: "strong",
    description:
      "concedes late, anchors well, models the opponent, re-offers its best bid, uses flaws, age and urgency as leverage, takes a seller's floor when it sees one, offers its items to matching want ads at once",
    tactic: "time",
    curve: { e: 0.3, k: 0 },
    deadline: 11,
    acceptance: { kind: "combi", from: 0.85, window: 3 },
    buyerOpening: 0.5,
    buyerOpeningOfLimit: 0.7,
    modelsOpponent: true,
    usesLeverage: true,
    reciprocates: true,
    reoffersBest: true,
    trustInWords: 0.3,
    parallelThreads: 2,
    takesStandstill: true,
    holdBack: 0.6,
    pitchAfterHours: 0,
    pitchesPerListing: 2,
  },
  weak: {
    ...classic,
    name: "weak",
    description:
      "concedes early, anchors on the other side's first number, accepts the first offer inside its limit, splits the difference, answers one negotiation per look at the market, waits for buyers instead of answering want ads",
    tactic: "time",
    curve: { e: 2.5, k: 0.1 },
    deadline: 7,
    acceptance: { kind: "first-within-limit" },
    buyerOpening: 0.6,
    buyerOpeningOfLimit: 0.92,
    anchorPull: 0.7,
    splitFrom: 0,
    trustInWords: 1,
    attention: 1,
    holdBack: 0.05,
    openingHoldBack: 0.4,
    pitchesPerListing: 0,
  },
  boulware: {
    ...classic,
    name: "boulware",
    description: "time-dependent, e = 0.2: holds, then concedes late",
    tactic: "time",
    curve: { e: 0.2, k: 0 },
  },
  conceder: {
    ...classic,
    name: "conceder",
    description: "time-dependent, e = 3: concedes early",
    tactic: "time",
    curve: { e: 3, k: 0 },
  },
  linear: {
    ...classic,
    name: "linear",
    description: "time-dependent, e = 1: concedes evenly",
    tactic: "time",
    curve: { e: 1, k: 0 },
  },
  "tit-for-tat": {
    ...classic,
    name: "tit-for-tat",
    description: "mirrors the other side's last concession (absolute tit-for-tat)",
    tactic: "tit-for-tat",
  },
  split: {
    ...classic,
    name: "split",
    description: "opens like linear, then always offers the midpoint of the two last prices",
    tactic: "split",
    splitFrom: 0,
  },
};

export function isTierName(name: string): name is TierName {
  return (TIER_NAMES as readonly string[]).includes(name);
}
