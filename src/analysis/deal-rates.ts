import { createRng } from "../domain/random.ts";
import { armParticipants } from "./arm-totals.ts";
import type { ArmInput } from "./read-input.ts";
import { percentileInterval } from "./stats.ts";
import {
  type PersonArmDeals,
  type WithinPersonContrast,
  withinPersonContrast,
} from "./within-person-deals.ts";

/**
 * Do the people of one tier close more deals than those of the reference tier in the same market?
 * Only arms where both tiers trade side by side count (the mixed arms), so both face the same market.
 */
export interface DealRateContrast {
  tier: string;
  reference: string;
  /** Person-arms of each tier in the mixed arms. */
  persons: number;
  referencePersons: number;
  /** Deals per person, as seller or buyer. */
  perPerson: number;
  referencePerPerson: number;
  difference: number;
  /** 95% interval of the difference, from resampling people within each arm and tier. */
  interval: { low?: number; high?: number };
  /** Share of within-arm shuffles of the tier labels with a difference at least as large. */
  p?: number;
  /** The same people compared with themselves across arms, when some were drawn into both tiers. */
  withinPerson?: WithinPersonContrast /** Set when there are too few people to tell (see minimums.ts): then no interval and no p-value. */;
  tooFew?: string;
}

/** One person-arm of a mixed arm: who, under which tier, with how many deals. */
type Person = PersonArmDeals;

function difference(people: readonly Person[], tier: string, reference: string): number | undefined {
  let a = 0;
  let na = 0;
  let b = 0;
  let nb = 0;
  for (const person of people) {
    if (person.tier === tier) {
      a += person.deals;
      na++;
    } else if (person.tier === reference) {
      b += person.deals;
      nb++;
    }
  }
  return na > 0 && nb > 0 ? a / na - b / nb : undefined;
}

export function dealRateContrasts(
  arms: readonly ArmInput[],
  reference: string | undefined,
  options: { seed: number; bootstrap: number; permutations: number },
): DealRateContrast[] {
  if (!reference) return [];
  const people: Person[] = [];
  for (const arm of arms) {
    const tiers = armParticipants(arm);
    if (new Set(tiers.values()).size < 2) continue;
    const deals = new Map<string, number>();
    for (const deal of arm.records.deals) {
      deals.set(deal.seller, (deals.get(deal.seller) ?? 0) + 1);
      deals.set(deal.buyer, (deals.get(deal.buyer) ?? 0) + 1);
    }
    for (const [id, tier] of tiers) people.push({ arm: arm.id, person: id, tier, deals: deals.get(id) ?? 0 });
  }
  const others = [...new Set(people.map((person) => person.tier))]
    .filter((tier) => tier !== reference)
    .sort();
  const strata = new Map<string, Person[]>();
  for (const person of people) {
    const key = `${person.arm}|${person.tier}`;
    strata.set(key, [...(strata.get(key) ?? []), person]);
  }
  const byArm = new Map<string, Person[]>();
  for (const person of people) byArm.set(person.arm, [...(byArm.get(person.arm) ?? []), person]);

  return others.flatMap((tier) => {
    const observed = difference(people, tier, reference);
    if (observed === undefined) return [];
    const rng = createRng(options.seed).fork(`deal-rates:${tier}`);
    const replicates: number[] = [];
    for (let b = 0; b < options.bootstrap; b++) {
      const sample: Person[] = [];
      for (const group of strata.values()) {
        for (let i = 0; i < group.length; i++) sample.push(group[rng.int(0, group.length - 1)]!);
      }
      const value = difference(sample, tier, reference);
      if (value !== undefined) replicates.push(value);
    }
    let extreme = 0;
    for (let k = 0; k < options.permutations; k++) {
      const shuffled: Person[] = [];
      for (const group of byArm.values()) {
        const labels = group.map((person) => person.tier);
        for (let i = labels.length - 1; i > 0; i--) {
          const j = rng.int(0, i);
          [labels[i], labels[j]] = [labels[j]!, labels[i]!];
        }
        group.forEach((person, i) => {
          shuffled.push({ ...person, tier: labels[i]! });
        });
      }
      const value = difference(shuffled, tier, reference) ?? 0;
      if (Math.abs(value) >= Math.abs(observed) - 1e-12) extreme++;
    }
    const withinPerson = withinPersonContrast(people, tier, reference, options);
    const count = (name: string) => people.filter((person) => person.tier === name);
    const mine = count(tier);
    const theirs = count(reference);
    return [
      {
        tier,
        reference,
        persons: mine.length,
        referencePersons: theirs.length,
        perPerson: mine.reduce((sum, person) => sum + person.deals, 0) / mine.length,
        referencePerPerson: theirs.reduce((sum, person) => sum + person.deals, 0) / theirs.length,
        difference: observed,
        interval: percentileInterval(replicates),
        ...(options.permutations > 0 ? { p: (extreme + 1) / (options.permutations + 1) } : {}),
        ...(withinPerson ? { withinPerson } : {}),
      },
    ];
  });
}
