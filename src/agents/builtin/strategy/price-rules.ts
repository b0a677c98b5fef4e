import { atLeastAsGood } from "./acceptance.ts";

type Role = "seller" | "buyer";

/** The step prices are rounded to, as people do: 50c under $20, $1 under $100, $5 under $500, else $10. */
export function priceStep(cents: number): number {
  if (cents < 2_000) return 50;
  if (cents < 10_000) return 100;
  if (cents < 50_000) return 500;
  return 1_000;
}

/** Rounds to the price step, in our favour: up for a seller, down for a buyer. */
export function roundInOurFavour(role: Role, cents: number): number {
  const step = priceStep(cents);
  return role === "seller" ? Math.ceil(cents / step) * step : Math.floor(cents / step) * step;
}

/** The more favourable of two prices for `role`. */
export function better(role: Role, a: number, b: number): number {
  return atLeastAsGood(role, a, b) ? a : b;
}

/** The less favourable of two prices for `role`. */
export function worse(role: Role, a: number, b: number): number {
  return atLeastAsGood(role, a, b) ? b : a;
}

export interface PriceBounds {
  role: Role;
  /** Never worse than this for us: the reserve or the most we may pay. */
  limit: number;
  /** Never better for us than our previous offer: concessions never go backwards. */
  previous?: number;
  /**
   * Never past their open offer: proposing more than they offered would be giving money away.
   * (Proposing exactly their price is how we re-offer it.)
   */
  theirs?: number;
  /** The listing's asking price: neither side proposes more (a seller asking above it would look odd). */
  asking?: number;
}

/** Clamps a price into the bounds. The limit always wins: the result is never outside it. */
export function clampPrice(price: number, bounds: PriceBounds): number {
  const { role } = bounds;
  let out = Math.round(price);
  if (bounds.asking !== undefined) out = Math.min(out, bounds.asking);
  if (bounds.theirs !== undefined) out = better(role, out, bounds.theirs);
  if (bounds.previous !== undefined) out = worse(role, out, bounds.previous);
  out = better(role, out, bounds.limit);
  return Math.max(1, out);
}

/**
 * Moves a price off any secret number (reserve, max price, budget) so that the words which quote it
 * never reveal one. It moves in our favour when the bounds allow, else one cent towards the other
 * side, staying inside the limit; returns the price unchanged only if nothing else fits.
 */
export function avoidSecrets(price: number, secrets: readonly number[], bounds: PriceBounds): number {
  if (!secrets.includes(price)) return price;
  const sign = bounds.role === "seller" ? 1 : -1;
  const fits = (candidate: number): boolean =>
    candidate > 0 &&
    (bounds.asking === undefined || candidate <= bounds.asking) &&
    !secrets.includes(candidate) &&
    atLeastAsGood(bounds.role, candidate, bounds.limit) &&
    (bounds.previous === undefined || atLeastAsGood(bounds.role, bounds.previous, candidate));
  for (const delta of [priceStep(price), 100, 50, 1, 2, 3]) {
    if (fits(price + sign * delta)) return price + sign * delta;
  }
  for (const delta of [1, 2, 3]) {
    if (fits(price - sign * delta)) return price - sign * delta;
  }
  return price;
}
