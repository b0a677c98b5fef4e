import { keywordsOf } from "../engine/keywords.ts";
import { wantKeywords } from "../engine/match-index.ts";
import { bestSurplus, type SurplusEdge, type SurplusProblem } from "./best-surplus.ts";
import type { ArmRecords, ListingRecord, WantRecord } from "./deal-record.ts";

/**
 * Which listing can serve which want.
 * - "serves-want" (default): the listing's title shares a keyword with the want (its keywords, or its
 *   description when it has none), or the want names only a category and the listing is in it. This
 *   is the rule the built-in agents use before they bid (listingServesWant).
 * - "category-or-keywords": also any listing in the want's category (the market's broader alert rule:
 *   sellers are shown want ads of their category). Gives a larger best surplus.
 * A pair that actually traded in the arm always counts as possible.
 */
export type MatchRule = "serves-want" | "category-or-keywords";

export interface ArmEfficiency {
  arm: string;
  rule: MatchRule;
  deals: number;
  /** Deals whose reserve and max price are known: the only ones whose surplus can be counted. */
  dealsWithLimits: number;
  /** Sum over deals of (max price - reserve), cents. */
  realisedSurplus: number;
  /** The best possible surplus found (a feasible matching within budgets), cents. */
  bestSurplus: number;
  /** A proven upper bound on the best possible surplus (equal to bestSurplus when exact). */
  upperBound: number;
  exact: boolean;
  /** The best possible surplus if budgets did not bind. */
  unconstrainedSurplus: number;
  /** realised / best; undefined when nothing could be gained. */
  efficiency?: number;
  /** realised / upper bound: the efficiency is at least this (equal when exact). */
  efficiencyAtLeast?: number;
  /** Pairs in the best matching and the number of pairs that could trade at all. */
  bestPairs: number;
  possiblePairs: number;
  /** "matching" when the best matching kept every budget, "mip" when the exact solver was needed. */
  method: "matching" | "mip";
}

function serves(
  rule: MatchRule,
  wantWords: Set<string>,
  want: WantRecord,
  listing: ListingRecord,
  titleWords: string[],
) {
  if (titleWords.some((word) => wantWords.has(word))) return true;
  if (!listing.category || !want.category || listing.category !== want.category) return false;
  return rule === "category-or-keywords" || want.keywords.length === 0;
}

/**
 * The best-surplus problem of one arm's people and listings: wants (left) against listings (right),
 * weighted by max price - reserve, with each buyer's budget; undefined without listings or wants.
 */
export function surplusProblem(
  records: ArmRecords,
  rule: MatchRule = "serves-want",
): SurplusProblem | undefined {
  const { deals, listings, wants } = records;
  if (listings.length === 0 || wants.length === 0) return undefined;
  const buyers = [...new Set(wants.map((want) => want.buyer))];
  const buyerIndex = new Map(buyers.map((buyer, i) => [buyer, i]));
  const budgets = buyers.map(() => Number.POSITIVE_INFINITY);
  for (const want of wants) {
    const i = buyerIndex.get(want.buyer)!;
    budgets[i] = Math.min(budgets[i]!, want.budget);
  }
  const listingIndex = new Map(listings.map((listing, j) => [listing.item, j]));
  const traded = new Set(
    deals
      .filter((deal) => deal.wantId !== undefined)
      .map((deal) => `${deal.buyer}|${deal.wantId}|${deal.item}`),
  );
  const titleWords = listings.map((listing) => keywordsOf(listing.title));
  const byWord = new Map<string, number[]>();
  const byCategory = new Map<string, number[]>();
  listings.forEach((listing, j) => {
    for (const word of titleWords[j]!) {
      if (!byWord.has(word)) byWord.set(word, []);
      byWord.get(word)!.push(j);
    }
    if (listing.category) {
      if (!byCategory.has(listing.category)) byCategory.set(listing.category, []);
      byCategory.get(listing.category)!.push(j);
    }
  });
  const edges: SurplusEdge[] = [];
  wants.forEach((want, i) => {
    const words = new Set(wantKeywords(want));
    const candidates = new Set<number>();
    for (const word of words) for (const j of byWord.get(word) ?? []) candidates.add(j);
    if (want.category) for (const j of byCategory.get(want.category) ?? []) candidates.add(j);
    for (const key of traded) {
      const [buyer, wantId, item] = key.split("|");
      if (buyer === want.buyer && wantId === want.wantId) {
        const j = listingIndex.get(item!);
        if (j !== undefined) candidates.add(j);
      }
    }
    for (const j of candidates) {
      const listing = listings[j]!;
      if (listing.seller === want.buyer) continue;
      const weight = want.maxPrice - listing.reserve;
      if (weight <= 0) continue;
      const actual = traded.has(`${want.buyer}|${want.wantId}|${listing.item}`);
      if (!actual && !serves(rule, words, want, listing, titleWords[j]!)) continue;
      edges.push({ left: i, right: j, weight, cost: listing.reserve });
    }
  });
  return {
    nLeft: wants.length,
    nRight: listings.length,
    edges,
    owner: wants.map((want) => buyerIndex.get(want.buyer)!),
    budgets,
  };
}

/**
 * Realised and best possible surplus of one arm; undefined without listings or wants. `solve` lets a
 * caller share solutions between arms with the same people and listings.
 */
export async function armEfficiency(
  arm: string,
  records: ArmRecords,
  options: { rule?: MatchRule; timeLimitMs?: number; solve?: typeof bestSurplus } = {},
): Promise<ArmEfficiency | undefined> {
  const rule = options.rule ?? "serves-want";
  const problem = surplusProblem(records, rule);
  if (!problem) return undefined;
  const { deals } = records;
  const withLimits = deals.filter((deal) => deal.reserve !== undefined && deal.maxPrice !== undefined);
  const realisedSurplus = withLimits.reduce((sum, deal) => sum + (deal.maxPrice! - deal.reserve!), 0);
  const solve = options.solve ?? bestSurplus;
  const solved = await solve(
    problem,
    options.timeLimitMs !== undefined ? { timeLimitMs: options.timeLimitMs } : {},
  );
  return {
    arm,
    rule,
    deals: deals.length,
    dealsWithLimits: withLimits.length,
    realisedSurplus,
    bestSurplus: solved.best,
    upperBound: solved.upper,
    exact: solved.exact,
    unconstrainedSurplus: solved.unconstrained,
    ...(solved.best > 0 ? { efficiency: realisedSurplus / solved.best } : {}),
    ...(solved.upper > 0 ? { efficiencyAtLeast: realisedSurplus / solved.upper } : {}),
    bestPairs: solved.chosen.length,
    possiblePairs: problem.edges.length,
    method: solved.method,
  };
}
