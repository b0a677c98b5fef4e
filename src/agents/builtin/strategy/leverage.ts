/**
 * The arguments a skilled negotiator brings: the item's flaws, age and condition, a retail
 * comparison, the other side's urgency and other interest. Used both to set numbers (a strong buyer
 * opens lower on a flawed item; a strong seller holds longer against a buyer in a hurry) and to choose
 * what the words voice. Everything here is public or said by the other side: no secret is involved.
 */
export interface LeverageFacts {
  flaws: readonly string[];
  condition: "new" | "like-new" | "good" | "fair" | "poor";
  ageYears?: number;
  retailPrice?: number;
  askingPrice: number;
  /** The other side sounded in a hurry ("need it by Friday", "moving out tomorrow"). */
  theyAreUrgent: boolean;
  /** Seller: other buyers are negotiating for the same listing right now. */
  otherInterest: boolean;
}

/** How much lower than usual a buyer who uses leverage opens, as a share of the asking price. */
export function buyerOpeningDiscount(facts: LeverageFacts): number {
  let discount = Math.min(2, facts.flaws.length) * 0.04;
  if (facts.condition === "fair") discount += 0.03;
  if (facts.condition === "poor") discount += 0.06;
  if ((facts.ageYears ?? 0) >= 5) discount += 0.02;
  if (facts.theyAreUrgent) discount += 0.04;
  return Math.min(0.15, discount);
}

/** Multiplier on a seller's concession exponent: below 1 holds longer (a buyer in a hurry, rival buyers). */
export function sellerPatience(facts: LeverageFacts): number {
  let factor = 1;
  if (facts.theyAreUrgent) factor *= 0.75;
  if (facts.otherInterest) factor *= 0.85;
  return factor;
}

/** Multiplier on a buyer's concession exponent: a flawed or worn item, or a seller in a hurry, justify holding longer. */
export function buyerPatience(facts: LeverageFacts): number {
  let factor = 1;
  if (facts.flaws.length > 0) factor *= 0.85;
  if (facts.condition === "fair" || facts.condition === "poor") factor *= 0.9;
  if (facts.theyAreUrgent) factor *= 0.75;
  return factor;
}

/**
 * What to voice in this move (see `Move.leverage`). Opening moves carry the item's arguments; later
 * moves the situational ones, so a transcript does not repeat itself.
 */
export function leverageToVoice(
  role: "seller" | "buyer",
  round: number,
  t: number,
  facts: LeverageFacts,
): string[] {
  const out: string[] = [];
  if (role === "buyer") {
    if (round <= 1 && facts.flaws.length > 0) out.push("flaw");
    if (round <= 1 && (facts.ageYears ?? 0) >= 3) out.push("age");
    if (round <= 1 && (facts.condition === "fair" || facts.condition === "poor")) out.push("condition");
    if (round >= 2 && facts.theyAreUrgent) out.push("urgency");
    if (t >= 0.6 && round >= 3) out.push("budget-tight");
  } else {
    if (round === 0 && facts.retailPrice !== undefined && facts.retailPrice > facts.askingPrice)
      out.push("retail");
    if (round === 0 && (facts.condition === "new" || facts.condition === "like-new")) out.push("condition");
    if (round >= 1 && facts.otherInterest) out.push("other-offers");
    if (round >= 1 && facts.theyAreUrgent) out.push("urgency");
  }
  return out.slice(0, 2);
}
