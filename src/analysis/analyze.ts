import { type ArmTotals, armParticipants, armTotals } from "./arm-totals.ts";
import { bestSurplus } from "./best-surplus.ts";
import { type DealRateContrast, dealRateContrasts } from "./deal-rates.ts";
import { type ArmEfficiency, armEfficiency, type MatchRule } from "./efficiency.ts";
import { type ExamplePair, exampleDealPair } from "./example-deals.ts";
import { withDealRateMinimums, withTierMinimums } from "./minimums.ts";
import { type ModelUsageRow, modelUsage } from "./model-usage.ts";
import { participationByTier, type TierParticipation } from "./participation.ts";
import { type PerceptionGap, perceptionGap } from "./perception-gap.ts";
import { type PersonaEffect, personaEffects } from "./persona-effects.ts";
import { type PriceMatrix, priceMatrix, type TierPrice, tierPrices } from "./price-matrix.ts";
import { type AnalysisInput, mergeRecords } from "./read-input.ts";
import { chooseReference, type ReferenceChoice } from "./reference-tier.ts";
import { type SameItemComparison, sameItemAcrossArms } from "./same-item.ts";
import { type SurplusShares, surplusShares } from "./surplus-share.ts";
import type { SurveyFile } from "./survey.ts";
import { type TierEffects, tierEffects } from "./tier-effects.ts";

export interface AnalyzeOptions {
  /** Seed of the bootstrap and permutations (default: the experiment's seed, else 1). */
  seed?: number;
  /** Bootstrap resamples (default 1000). */
  bootstrap?: number;
  /** Permutations of the tier test (default 1000). */
  permutations?: number;
  /** How wants match listings for the best possible surplus (default "serves-want"). */
  matchRule?: MatchRule;
  /** Time limit of the exact efficiency solver, per distinct problem (default 60 s). */
  efficiencyTimeLimitMs?: number;
  /** Examples of the same item's price across arms (default 5). */
  examples?: number;
  /** Survey responses, when `survey.json` exists. */
  survey?: SurveyFile;
  /** The reference tier (`--reference`); overrides the experiment config's `reference:`. */
  reference?: string;
}

/** Everything the analysis computes: what results.json holds. Money in integer cents. */
export interface AnalysisResults {
  meta: {
    name: string;
    kind: AnalysisInput["kind"];
    input: string;
    currency: string;
    seed: number;
    bootstrap: number;
    permutations: number;
    matchRule: MatchRule;
    arms: { id: string; arm: string; repetition: number }[];
    tiers: string[];
    /** The tier every other tier is compared with. */
    reference?: string;
    /** Why that tier: named by `--reference` or the config, or by which rule (see `chooseReference`). */
    referenceChoice: { source: ReferenceChoice["source"]; reason: string };
    deals: number;
    listings: number;
    wants: number;
    /** Rows left out as exact repeats of earlier ones (`--dedupe`); absent when none were. */
    duplicatesDropped?: { count: number; rows: { source: string; where: string; repeats: string }[] };
  };
  arms: ArmTotals[];
  participation: TierParticipation[];
  /** Deals per person by tier against the reference tier, in the arms where both trade together. */
  dealRates: DealRateContrast[];
  tierEffects: TierEffects;
  priceMatrix: PriceMatrix;
  /** Mean price by seller tier and by buyer tier. */
  tierPrices: TierPrice[];
  sameItem: SameItemComparison;
  persona: PersonaEffect[];
  efficiency: ArmEfficiency[];
  surplusShares: SurplusShares;
  perception?: PerceptionGap;
  /** Calls, tokens and estimated cost of model agents, per arm and spec (empty without LLM agents). */
  modelUsage: ModelUsageRow[];
  /**
   * Two deals of the same item, sold by a seller of the compared tier and by the same person on the
   * reference tier (the report shows their negotiations side by side); absent when no item was.
   */
  examplePair?: ExamplePair;
  /** What could not be computed and why. */
  notes: string[];
}

/**
 * Runs every analysis on the arms' records. Pure apart from the clock-free seeded randomness; async
 * because the efficiency solver is WebAssembly, loaded on first use.
 */
export async function analyzeRecords(
  input: AnalysisInput,
  options: AnalyzeOptions = {},
): Promise<AnalysisResults> {
  const seed = options.seed ?? input.seed ?? 1;
  const bootstrap = options.bootstrap ?? 1000;
  const permutations = options.permutations ?? 1000;
  const matchRule = options.matchRule ?? "serves-want";
  const all = mergeRecords(input.arms);
  const notes: string[] = (input.skipped ?? []).map(
    (arm) => `Arm ${arm.id} is left out: ${arm.reason}. Resume the experiment to include it.`,
  );
  const dropped = input.dropped ?? [];
  if (dropped.length > 0) {
    const shown = dropped.slice(0, 10).map((row) => `${row.where} (repeats ${row.repeats})`);
    notes.push(
      `${dropped.length} repeated ${dropped.length === 1 ? "row was" : "rows were"} dropped (--dedupe): ${shown.join(", ")}${dropped.length > 10 ? ` and ${dropped.length - 10} more` : ""}.`,
    );
  }
  const tiers = [...new Set(all.deals.flatMap((d) => [d.sellerTier, d.buyerTier]))];
  for (const listing of all.listings) tiers.push(listing.sellerTier);
  for (const want of all.wants) tiers.push(want.buyerTier);
  const choice = chooseReference(
    input.arms.map((arm) => ({ id: arm.id, tiers: [...new Set(armParticipants(arm).values())] })),
    { option: options.reference, config: input.reference },
  );
  const reference = choice.tier;
  const effects = withTierMinimums(
    tierEffects(all.deals, {
      seed,
      bootstrap,
      permutations,
      ...(reference ? { reference } : {}),
    }),
    all.deals,
  );
  // The arms of an experiment share their people and listings, so their best surplus is mostly one
  // problem: each distinct one is solved once.
  const solutions = new Map<string, ReturnType<typeof bestSurplus>>();
  const solve: typeof bestSurplus = (problem, limits) => {
    const key = JSON.stringify(problem);
    let solution = solutions.get(key);
    if (!solution) {
      solution = bestSurplus(problem, limits);
      solutions.set(key, solution);
    }
    return solution;
  };
  const efficiency: ArmEfficiency[] = [];
  for (const arm of input.arms) {
    const result = await armEfficiency(arm.id, arm.records, {
      rule: matchRule,
      solve,
      ...(options.efficiencyTimeLimitMs !== undefined ? { timeLimitMs: options.efficiencyTimeLimitMs } : {}),
    });
    if (result) efficiency.push(result);
  }
  if (all.listings.length === 0 || all.wants.length === 0) {
    notes.push(
      "The input has no listings or wants (a deals file), so sale rates and market efficiency are not computed.",
    );
  } else if (all.listings.every((listing) => listing.category === undefined)) {
    notes.push("Listings carry no category, so wants matched listings by keywords only.");
  }
  if (input.arms.length < 2) {
    notes.push(
      "One arm only: the same item is never sold twice, so the same-item comparison needs an experiment with several arms.",
    );
  }
  const shares = surplusShares(all.deals, { seed, bootstrap, ...(reference ? { reference } : {}) });
  if (shares.dealsCounted === 0)
    notes.push("No deal has both a reserve and a max price: surplus shares are not computed.");
  const sellers = effects.contrasts.find((contrast) => contrast.side === "seller" && !contrast.tooFew);
  const examplePair = sellers
    ? exampleDealPair(all.deals, sellers.tier, sellers.reference, sellers.percent.estimate)
    : undefined;
  const perception = options.survey
    ? perceptionGap(options.survey.responses, all.deals, reference)
    : undefined;
  return {
    meta: {
      name: input.name,
      kind: input.kind,
      input: input.path,
      currency: input.currency,
      seed,
      bootstrap,
      permutations,
      matchRule,
      arms: input.arms.map((arm) => ({ id: arm.id, arm: arm.arm, repetition: arm.repetition })),
      tiers: [...new Set(tiers)].sort(),
      ...(reference ? { reference } : {}),
      referenceChoice: { source: choice.source, reason: choice.reason },
      deals: all.deals.length,
      listings: all.listings.length,
      wants: all.wants.length,
      ...(dropped.length > 0 ? { duplicatesDropped: { count: dropped.length, rows: dropped } } : {}),
    },
    arms: armTotals(input.arms),
    participation: participationByTier(input.arms),
    dealRates: withDealRateMinimums(
      dealRateContrasts(input.arms, reference, { seed, bootstrap, permutations }),
      input.arms,
    ),
    tierEffects: effects,
    priceMatrix: priceMatrix(all.deals, reference),
    tierPrices: tierPrices(all.deals, { seed, bootstrap, ...(reference ? { reference } : {}) }),
    sameItem: sameItemAcrossArms(all.deals, { examples: options.examples ?? 5 }),
    persona: personaEffects(all.deals, all.listings, all.wants, { seed, bootstrap }),
    efficiency,
    modelUsage: modelUsage(input.arms),
    surplusShares: shares,
    ...(perception ? { perception } : {}),
    ...(examplePair ? { examplePair } : {}),
    notes: [...notes, ...effects.notes],
  };
}
