/**
 * Faratin, Sierra & Jennings' time-dependent tactics (1998). With t in [0, 1] the share of the
 * negotiation's time used, F(t) = k + (1 - k) t^(1/e) is how far we have conceded from our anchor
 * towards our limit: e < 1 is Boulware (holds, then concedes late), e = 1 linear, e > 1 Conceder.
 */
export interface TimeTactic {
  /** Concession exponent: e < 1 Boulware, e = 1 linear, e > 1 Conceder. */
  e: number;
  /** Share conceded at once, at t = 0 (usually 0). */
  k: number;
}

/** F(t): the share of the distance from anchor to limit conceded at time t (0 at the start, 1 at the deadline). */
export function concessionShare(t: number, tactic: TimeTactic): number {
  const time = Math.min(1, Math.max(0, t));
  const k = Math.min(1, Math.max(0, tactic.k));
  return k + (1 - k) * time ** (1 / tactic.e);
}

/**
 * The price to propose at time t: anchor + (limit - anchor) F(t). Works for both roles: a seller's
 * anchor is above its limit, a buyer's below. Returns a float; the caller rounds it to cents.
 * @example timeTarget(0.5, { anchor: 10_000, limit: 6_000 }, { e: 1, k: 0 }) // 8000
 */
export function timeTarget(t: number, range: { anchor: number; limit: number }, tactic: TimeTactic): number {
  return range.anchor + (range.limit - range.anchor) * concessionShare(t, tactic);
}

/** The time a negotiation has used, from our own offers so far against a deadline counted in offers. */
export function negotiationTime(offersMade: number, deadline: number): number {
  if (deadline <= 0) return 1;
  return Math.min(1, Math.max(0, offersMade / deadline));
}
