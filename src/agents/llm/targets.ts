import type { ItemToSell, Mandate, Want } from "../../domain/mandate.ts";

/** Rounds to a price people write: whole dollars under $100, $5 steps under $1,000, $10 above. */
function step(cents: number): number {
  if (cents < 10_000) return 100;
  if (cents < 100_000) return 500;
  return 1_000;
}

/**
 * What the model aims for when it is not given its limits: for a sale, a little under the asking
 * price (30% of the way from asking down to the reserve, rounded up, never below the reserve); for a
 * want, 85% of the max price (rounded down). The limit itself stays with the engine.
 */
export function sellTarget(item: Pick<ItemToSell, "askingPrice" | "reserve">): number {
  const raw = item.askingPrice - (item.askingPrice - item.reserve) * 0.3;
  const unit = step(raw);
  const rounded = Math.ceil(raw / unit) * unit;
  return Math.max(item.reserve, Math.min(item.askingPrice, rounded));
}

export function buyTarget(want: Pick<Want, "maxPrice">): number {
  const raw = want.maxPrice * 0.85;
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
