/**
 * Scores of one bilateral negotiation, normalised to its zone of agreement [reserve, buyer's limit]
 * where the buyer's limit is min(max price, budget).
 *
 * Advantage = (u - r) / (max - r) per side (the definition), with
 * - seller: u = price, r = reserve, max = the buyer's limit (the most the seller could have got);
 * - buyer: u = price, r = its limit, max = the reserve (the least the buyer could have paid),
 *   i.e. (limit - price) / (limit - reserve).
 * So on a deal the two advantages sum to 1. No deal leaves each side at its reservation value:
 * advantage 0 for both. Where no deal is possible (limit < reserve) advantages are undefined (null).
 * A zero-width zone (limit = reserve) scores 0.5 each on a deal.
 *
 * Nash product = sellerAdvantage × buyerAdvantage (both surpluses normalised to the zone; the
 * disagreement point is 0); it is 0.25 at the Nash point, the midpoint of the zone.
 * Distance to the Nash point = the Euclidean distance from (sellerAdvantage, buyerAdvantage) to
 * (0.5, 0.5): 0 at the midpoint, about 0.71 with no deal.
 */
export interface NegotiationScores {
  dealPossible: boolean;
  sellerAdvantage: number | null;
  buyerAdvantage: number | null;
  nashProduct: number | null;
  nashDistance: number | null;
}

export function scoreNegotiation(input: {
  reserve: number;
  buyerLimit: number;
  price?: number;
}): NegotiationScores {
  const { reserve, buyerLimit, price } = input;
  const dealPossible = buyerLimit >= reserve;
  if (!dealPossible) {
    return {
      dealPossible,
      sellerAdvantage: null,
      buyerAdvantage: null,
      nashProduct: null,
      nashDistance: null,
    };
  }
  const width = buyerLimit - reserve;
  let seller = 0;
  let buyer = 0;
  if (price !== undefined) {
    seller = width === 0 ? 0.5 : clamp01((price - reserve) / width);
    buyer = width === 0 ? 0.5 : clamp01((buyerLimit - price) / width);
  }
  return {
    dealPossible,
    sellerAdvantage: seller,
    buyerAdvantage: buyer,
    nashProduct: seller * buyer,
    nashDistance: Math.hypot(seller - 0.5, buyer - 0.5),
  };
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
