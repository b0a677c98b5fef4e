import { mean } from "simple-statistics";
import { createRng } from "../domain/random.ts";
import { groupBy, tQuantile975 } from "./stats.ts";

/** One person's deals in one arm, under the tier that represented them there. */
export interface PersonArmDeals {
  arm: string;
  person: string;
  tier: string;
  deals: number;
}

/**
 * The same people's deals under one tier against under another. An experiment clones the same
 * people into every arm, so someone drawn strong in one mixed arm and weak in another is compared
 * with themselves: how much a person trades (what they sell, what they want) cancels out, which
 * between-person comparisons leave as noise.
 */
export interface WithinPersonContrast {
  /** People represented by both tiers, in different arms. */
  people: number;
  /**
   * Mean over those people of their deals under `tier` less their deals under the reference, after
   * taking each arm's mean deals per person off (so a busier arm favours neither tier).
   */
  difference: number;
  /** 95% interval: Student's t on the people's differences (they are independent of each other). */
  interval: { low?: number; high?: number };
  /** Share of random sign flips of the people's differences with a mean at least as far from 0. */
  p?: number;
}

/** Fewer people than this give no estimate: an interval from a handful says little. */
const MIN_PEOPLE = 5;

export function withinPersonContrast(
  records: readonly PersonArmDeals[],
  tier: string,
  reference: string,
  options: { seed: number; bootstrap: number; permutations: number },
): WithinPersonContrast | undefined {
  const armMean = new Map(
    [...groupBy(records, (r) => r.arm)].map(([arm, rows]) => [arm, mean(rows.map((r) => r.deals))]),
  );
  const byPerson = new Map<string, { mine: number[]; theirs: number[] }>();
  for (const r of records) {
    if (r.tier !== tier && r.tier !== reference) continue;
    const entry = byPerson.get(r.person) ?? { mine: [], theirs: [] };
    (r.tier === tier ? entry.mine : entry.theirs).push(r.deals - armMean.get(r.arm)!);
    byPerson.set(r.person, entry);
  }
  const differences = [...byPerson.keys()]
    .sort()
    .map((person) => byPerson.get(person)!)
    .filter((entry) => entry.mine.length > 0 && entry.theirs.length > 0)
    .map((entry) => mean(entry.mine) - mean(entry.theirs));
  if (differences.length < MIN_PEOPLE) return undefined;
  const observed = mean(differences);
  const rng = createRng(options.seed).fork(`within-person:${tier}`);
  // Student's t on the people's differences: a percentile bootstrap of a mean of some 35 people is too
  // narrow (it covered 369 of 400 planted effects in bench:stats).
  const n = differences.length;
  const sd = Math.sqrt(differences.reduce((sum, d) => sum + (d - observed) ** 2, 0) / (n - 1));
  const half = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  // Under no effect a person's two tiers are exchangeable, so each difference is as likely negated.
  let extreme = 0;
  for (let k = 0; k < options.permutations; k++) {
    let sum = 0;
    for (const d of differences) sum += rng.next() < 0.5 ? -d : d;
    if (Math.abs(sum / differences.length) >= Math.abs(observed) - 1e-12) extreme++;
  }
  return {
    people: differences.length,
    difference: observed,
    interval: { low: observed - half, high: observed + half },
    ...(options.permutations > 0 ? { p: (extreme + 1) / (options.permutations + 1) } : {}),
  };
}
