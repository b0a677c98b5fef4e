/**
 * When to say yes to the other side's open offer. Every rule first requires the offer to be within
 * our own limit: no rule ever accepts outside it.
 * - "first-within-limit": take the first offer inside the limit (how a weak negotiator behaves).
 * - "next" (AC_next): accept when the offer is at least as good as the offer we would make next.
 * - "combi" (AC_combi): AC_next, or, from time `from` on, accept when the offer is at least as good
 *   as the best they made in their last `window` offers (they are unlikely to give more).
 */
export type AcceptanceRule =
  | { kind: "first-within-limit" }
  | { kind: "next" }
  | { kind: "combi"; from: number; window: number };

export interface AcceptanceInput {
  role: "seller" | "buyer";
  /** Their open offer, integer cents. */
  offer: number;
  /** Our limit: the reserve for a seller, the most we may pay for a buyer. */
  limit: number;
  /** The price we would propose next if we countered. */
  nextPrice: number;
  /** Negotiation time in [0, 1] (our offers so far over our deadline). */
  t: number;
  /** Their offers, oldest first (the open offer last). */
  theirPrices: readonly number[];
  /** True when we cannot make another offer (our cap is reached): accept or walk. */
  lastChance: boolean;
}

/** True when `a` is at least as good as `b` for `role`. */
export function atLeastAsGood(role: "seller" | "buyer", a: number, b: number): boolean {
  return role === "seller" ? a >= b : a <= b;
}

/** True when `price` is inside the limit of `role`. */
export function withinLimit(role: "seller" | "buyer", price: number, limit: number): boolean {
  return atLeastAsGood(role, price, limit);
}

export function shouldAccept(rule: AcceptanceRule, input: AcceptanceInput): boolean {
  const { role, offer } = input;
  if (!withinLimit(role, offer, input.limit)) return false;
  if (input.lastChance) return true;
  switch (rule.kind) {
    case "first-within-limit":
      return true;
    case "next":
      return atLeastAsGood(role, offer, input.nextPrice);
    case "combi": {
      if (atLeastAsGood(role, offer, input.nextPrice)) return true;
      if (input.t < rule.from) return false;
      const window = input.theirPrices.slice(-Math.max(1, rule.window));
      const bestInWindow = role === "seller" ? Math.max(...window) : Math.min(...window);
      return atLeastAsGood(role, offer, bestInWindow);
    }
  }
}
