import type { ItemToSell, Mandate, Want } from "../../domain/mandate.ts";
import { hashString } from "../../domain/random.ts";

/** Rounds to a price people write: whole dollars under $100, $5 steps under $1,000, $10 above. */
function step(cents: number): number {
  if (cents < 10_000) return 100;
  if (cents < 100_000) return 500;
  return 1_000;
}

/**
 * A share drawn from the agent's private seed and the item or want, in [low, high]: the same for the
 * same agent and item, unknown to anyone without the seed.
 */
function privateShare(
  salt: number | undefined,
  key: string,
  low: number,
  high: number,
  fixed: number,
): number {
  if (salt === undefined) return fixed;
  const u = hashString(`target:${salt}:${key}`) / 4294967296;
  return low + (high - low) * u;
}

/**
 * What the model aims for when it is not given its limits: for a sale, a little under the asking
 * price (a share of the way from asking down to the reserve, rounded up, never below the reserve);
 * for a want, a share of the max price (rounded down). The limit itself stays with the engine.
 *
 * With a `salt` (the agent's private seed) the share is drawn per item, 15% to 45% of the way down for
 * a sale and 75% to 95% of the max for a want, so a target seen by the other side no longer gives the
 * limit by a public formula: from a sale's target, the reserve is only known within more than the
 * whole zone between asking and reserve. Without one, the fixed shares of before (30%, 85%).
 */
export function sellTarget(
  item: Pick<ItemToSell, "askingPrice" | "reserve"> & { id?: string },
  salt?: number,
): number {
  const share = privateShare(salt, `item:${item.id ?? ""}`, 0.15, 0.45, 0.3);
  const raw = item.askingPrice - (item.askingPrice - item.reserve) * share;
  const unit = step(raw);
  const rounded = Math.ceil(raw / unit) * unit;
  return Math.max(item.reserve, Math.min(item.askingPrice, rounded));
}

export function buyTarget(want: Pick<Want, "maxPrice"> & { id?: string }, salt?: number): number {
  const share = privateShare(salt, `want:${want.id ?? ""}`, 0.75, 0.95, 0.85);
  const raw = want.maxPrice * share;
  const unit = step(raw);
  const rounded = Math.floor(raw / unit) * unit;
  return Math.max(Math.min(100, want.maxPrice), Math.min(want.maxPrice, rounded > 0 ? rounded : raw));
}

/** The owner's secret numbers: reserves, max prices and the budget. */
export function secretNumbers(mandate: Mandate): number[] {
  const numbers = [
    ...mandate.items.map((item) => item.reserve),
    ...mandate.wants.map((want) => want.maxPrice),
    mandate.budget,
  ];
  return [...new Set(numbers.filter((cents) => cents > 0))];
}
