/** A used item's condition, age, flaw and used-market value, drawn per product. */
import type { Condition as ItemCondition } from "../../src/domain/mandate.ts";
import type { Rng } from "../../src/domain/random.ts";
import { KINDS, type Kind } from "./kinds.ts";
import type { Noun } from "./nouns.ts";

export const CONDITION_WEIGHTS: ReadonlyArray<readonly [ItemCondition, number]> = [
  ["new", 0.07],
  ["like-new", 0.3],
  ["good", 0.4],
  ["fair", 0.17],
  ["poor", 0.06],
];

export function weightedPick<T>(rng: Rng, weighted: ReadonlyArray<readonly [T, number]>): T {
  const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = rng.next() * total;
  for (const [value, weight] of weighted) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

export function pickCondition(rng: Rng, kind: Kind): ItemCondition {
  if (kind === "sealed") return "new";
  return weightedPick(rng, CONDITION_WEIGHTS);
}

export const AGE_RANGE: Record<ItemCondition, readonly [number, number]> = {
  new: [0, 1],
  "like-new": [0, 1],
  good: [1, 3],
  fair: [2, 5],
  poor: [3, 8],
};

export function pickAge(rng: Rng, condition: ItemCondition, kind: Kind): number {
  const [min, max] = AGE_RANGE[condition];
  const cap = Math.max(KINDS[kind].maxAge, min);
  return rng.int(Math.min(min, cap), Math.min(max, cap));
}

export const CORDLESS = /wireless|bluetooth|cordless|rechargeable|battery|portable|\b\d+v\b|true wireless/;

export function pickFlaw(
  rng: Rng,
  condition: ItemCondition,
  noun: Noun,
  rawTitle: string,
): string | undefined {
  const profile = KINDS[noun.kind];
  const chance: Record<ItemCondition, number> = { new: 0, "like-new": 0.25, good: 0.55, fair: 0.95, poor: 1 };
  if (!rng.chance(chance[condition])) return undefined;
  const severe = condition === "fair" || condition === "poor";
  const pool = [...(severe ? profile.major : profile.minor)];
  if (
    noun.kind === "electronics" ||
    noun.kind === "appliance" ||
    noun.kind === "tool" ||
    noun.kind === "smart-home"
  ) {
    if (
      noun.battery === "always" ||
      (noun.battery === "if-cordless" && CORDLESS.test(rawTitle.toLowerCase()))
    ) {
      pool.push(
        ...(severe
          ? [
              "battery holds about 3 hours",
              "battery drains in about half a day",
              "battery needs charging daily",
            ]
          : ["battery holds about 80% of its original charge", "battery slightly weaker than new"]),
      );
    }
    if (noun.screen) pool.push(severe ? "a scratch across the screen" : "faint marks on the screen");
    if (noun.earpads) pool.push(severe ? "ear cushions are peeling" : "ear pads show some wear");
  }
  if (pool.length === 0) return undefined;
  return rng.pick(pool);
}

export const BASE_FRACTION: Record<ItemCondition, number> = {
  new: 0.7,
  "like-new": 0.58,
  good: 0.47,
  fair: 0.35,
  poor: 0.24,
};

/** Rounds cents to a tidy amount: 50-cent steps under $20, whole dollars above. */
export function roundCents(cents: number, direction: "down" | "up"): number {
  const step = cents < 20_00 ? 50 : 100;
  return direction === "down" ? Math.floor(cents / step) * step : Math.ceil(cents / step) * step;
}

export function usedValueFor(
  retail: number,
  condition: ItemCondition,
  ageYears: number,
  kind: Kind,
  rng: Rng,
): { low: number; high: number } {
  const ageFactor = Math.max(0.7, 1 - 0.05 * ageYears);
  const jitter = 0.92 + rng.next() * 0.16;
  const fraction = Math.min(
    0.75,
    Math.max(0.15, BASE_FRACTION[condition] * ageFactor * KINDS[kind].valueFactor * jitter),
  );
  const mid = retail * fraction;
  const spread = 0.18 + rng.next() * 0.08;
  let low = roundCents(mid * (1 - spread), "down");
  let high = Math.min(roundCents(mid * (1 + spread), "up"), Math.floor(retail * 0.85));
  if (high <= low) high = low + 50;
  low = Math.max(0, low);
  return { low, high };
}
