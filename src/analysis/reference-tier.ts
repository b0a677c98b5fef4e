import { AnalysisInputError } from "./errors.ts";

/** The tiers the people of one arm had (the arm's id for messages). */
export interface ArmTiers {
  id: string;
  tiers: readonly string[];
}

/** Which tier every other tier is compared with, and why that one. */
export interface ReferenceChoice {
  /** Absent when there are no tiers at all. */
  tier?: string;
  /**
   * "option": `--reference`; "config": `reference:` in the experiment config; "design": the one tier
   * absent from the arms where everyone had one tier; "name": the one tier whose name says "weak";
   * "only-tier": nothing to compare.
   */
  source: "option" | "config" | "design" | "name" | "only-tier" | "none";
  /** In words, for the report. */
  reason: string;
}

function list(values: Iterable<string>): string {
  return [...values].join(", ");
}

/**
 * The design's choice: with arms where everyone had one tier (Project Deal's all-strong arms) beside
 * arms that mix tiers, the one tier that appears only in the mixed arms is the one being tried against
 * the others, the weaker. Undefined when no single tier fits. Arm sizes and deal counts play no part.
 */
function byDesign(arms: readonly ArmTiers[]): { tier: string; reason: string } | undefined {
  const single = arms.filter((arm) => new Set(arm.tiers).size === 1);
  const mixed = arms.filter((arm) => new Set(arm.tiers).size >= 2);
  if (single.length === 0 || mixed.length === 0) return undefined;
  const everyone = new Set(single.flatMap((arm) => arm.tiers));
  const candidates = [...new Set(mixed.flatMap((arm) => arm.tiers))].filter((tier) => !everyone.has(tier));
  if (candidates.length !== 1) return undefined;
  return {
    tier: candidates[0]!,
    reason: `the one tier absent from the arms where everyone had the same tier (${list(single.map((arm) => arm.id))}: ${list([...everyone].sort())}) and present in the mixed arms, as in Project Deal's design`,
  };
}

/**
 * The reference tier (the weaker one, that every other tier is compared with): `--reference` if given,
 * else `reference:` of the experiment config, else the design's choice (the tier absent from the
 * one-tier arms) or the one tier whose name says "weak". Never the most common tier: in Project Deal's
 * design the strong tier is the most common. When these rules disagree or none applies, it refuses
 * with an error that names the tiers and asks for `--reference`.
 */
export function chooseReference(
  arms: readonly ArmTiers[],
  given: { option?: string | undefined; config?: string | undefined } = {},
): ReferenceChoice {
  const tiers = [...new Set(arms.flatMap((arm) => arm.tiers))].sort();
  for (const [source, tier] of [
    ["option", given.option],
    ["config", given.config],
  ] as const) {
    if (tier === undefined) continue;
    const where = source === "option" ? "--reference" : "reference: in the experiment config";
    if (tiers.length > 0 && !tiers.includes(tier)) {
      throw new AnalysisInputError(
        `${where} names ${tier}, which is not a tier of these deals (tiers: ${list(tiers)})`,
        [{ path: source === "option" ? "--reference" : "reference", message: `not a tier: ${tier}` }],
      );
    }
    return {
      tier,
      source,
      reason: source === "option" ? "named with --reference" : "named by reference: in the experiment config",
    };
  }
  if (tiers.length === 0) return { source: "none", reason: "no tiers" };
  if (tiers.length === 1) return { tier: tiers[0]!, source: "only-tier", reason: "the only tier" };
  const design = byDesign(arms);
  const weak = tiers.filter((tier) => /weak/i.test(tier));
  const named = weak.length === 1 ? weak[0] : undefined;
  if (design && named && design.tier !== named) {
    refuse(
      tiers,
      `the design points to ${design.tier} (absent from the one-tier arms) but the name to ${named}`,
    );
  }
  if (design) return { tier: design.tier, source: "design", reason: design.reason };
  if (named) return { tier: named, source: "name", reason: 'the only tier whose name says "weak"' };
  refuse(
    tiers,
    weak.length > 1
      ? `several tiers say "weak" (${list(weak)}) and the arms do not single one out`
      : 'no tier is absent from the one-tier arms and none says "weak"',
  );
}

function refuse(tiers: readonly string[], why: string): never {
  throw new AnalysisInputError(
    `cannot tell which tier is the reference (the weaker one, that the others are compared with): ${why}. Name it with --reference <tier> (or reference: in the experiment config); the tiers are ${list(tiers)}`,
    [{ path: "--reference", message: `choose one of ${list(tiers)}` }],
  );
}

/** Tiers in display order: the reference first, then alphabetical. */
export function orderTiers(tiers: Iterable<string>, reference?: string): string[] {
  const list = [...new Set(tiers)].sort();
  return reference && list.includes(reference)
    ? [reference, ...list.filter((tier) => tier !== reference)]
    : list;
}
