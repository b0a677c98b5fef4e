import type { ParticipantInput } from "../../../domain/mandate.ts";
import type { MarketState } from "../../../engine/state.ts";
import { person, recordedMarket } from "../../../engine/testing/fixtures.ts";

/**
 * Every secret of the small market, in cents. Each is a number that appears nowhere public (no asking
 * price, offer, deal price or clock time), so finding one in a result means it leaked.
 */
export const SECRETS = {
  sam: { reserves: [4321, 1357], maxPrices: [3579], budget: 24_680 },
  bea: { reserves: [987], maxPrices: [6543], budget: 13_579 },
  cal: { reserves: [2468], maxPrices: [7654], budget: 11_223 },
  dan: { reserves: [], maxPrices: [2134], budget: 8642 },
} as const satisfies Record<string, { reserves: number[]; maxPrices: number[]; budget: number }>;

export type SmallMarketPerson = keyof typeof SECRETS;
export const PEOPLE = Object.keys(SECRETS) as SmallMarketPerson[];

function people(): ParticipantInput[] {
  return [
    person("sam", {
      items: [
        { id: "bike", title: "Blue road bike", asking: 8000, reserve: 4321 },
        { id: "lamp", title: "Desk lamp", asking: 2500, reserve: 1357, category: "home" },
      ],
      wants: [{ id: "wt", description: "a tent", max: 3579, keywords: ["tent"] }],
      budget: 24_680,
    }),
    person("bea", {
      items: [{ id: "book", title: "Cookbook", asking: 1200, reserve: 987, category: "books" }],
      wants: [{ id: "w1", description: "a road bike", max: 6543, keywords: ["bike"] }],
      budget: 13_579,
    }),
    person("cal", {
      items: [{ id: "tent", title: "Camping tent", asking: 3000, reserve: 2468 }],
      wants: [{ id: "w1", description: "any bike", max: 7654, keywords: ["bike"] }],
      budget: 11_223,
    }),
    person("dan", {
      wants: [{ id: "wl", description: "a desk lamp", max: 2134, keywords: ["lamp"], category: "home" }],
      budget: 8642,
    }),
  ];
}

/**
 * A small market with a bit of everything, its clock in small steps (1 to 16 ms):
 * - L1 bike, L2 lamp (sam), L3 book (bea), L4 tent (cal); want ads A1 (bea), A2 (cal), A3 (dan), A4 (sam);
 *   a channel message from sam.
 * - T1 sam sells the bike to bea: offers, accepted, confirmed, handed over by both (D1 at $60.00).
 * - T2 sam and cal over the bike: expired when D1 settled, no deal.
 * - T3 sam and dan over the lamp: declined by sam, no deal.
 * - T4 cal sells the tent to sam: accepted, awaiting confirmation (D2 at $29.00).
 * With `transcripts: "live"`, T2 and T3 drop their messages and offers, as a long market does.
 */
export function smallMarket(transcripts: MarketState["transcripts"] = "all"): MarketState {
  const market = recordedMarket(people(), {}, { transcripts });
  const steps: [number, Record<string, unknown>][] = [
    [1, { type: "post-listing", actor: "sam", itemId: "bike", text: "Blue road bike, barely used" }],
    [1, { type: "post-listing", actor: "sam", itemId: "lamp" }],
    [2, { type: "post-listing", actor: "bea", itemId: "book" }],
    [2, { type: "post-listing", actor: "cal", itemId: "tent" }],
    [3, { type: "post-want-ad", actor: "bea", wantId: "w1" }],
    [3, { type: "post-want-ad", actor: "cal", wantId: "w1" }],
    [3, { type: "post-want-ad", actor: "dan", wantId: "wl" }],
    [3, { type: "post-want-ad", actor: "sam", wantId: "wt" }],
    [4, { type: "send-message", actor: "sam", where: "channel", text: "Hello all, everything must go" }],
    [5, { type: "make-offer", actor: "bea", listingId: "L1", wantId: "w1", price: 5000, text: "50 for it?" }],
    [6, { type: "make-offer", actor: "cal", listingId: "L1", wantId: "w1", price: 4500, text: "45?" }],
    [7, { type: "make-offer", actor: "sam", threadId: "T1", price: 6000, text: "60 and it is yours" }],
    [8, { type: "send-message", actor: "sam", where: "T2", text: "Someone offered more" }],
    [9, { type: "accept-offer", actor: "bea", offerId: "O3", version: 1, text: "Deal" }],
    [10, { type: "confirm-deal", actor: "sam", dealId: "D1", text: "Confirmed" }],
    [11, { type: "mark-handed-over", actor: "sam", dealId: "D1" }],
    [12, { type: "mark-handed-over", actor: "bea", dealId: "D1" }],
    [13, { type: "make-offer", actor: "dan", listingId: "L2", wantId: "wl", price: 1500, text: "15?" }],
    [14, { type: "decline-thread", actor: "sam", threadId: "T3", text: "No thanks" }],
    [15, { type: "make-offer", actor: "sam", listingId: "L4", wantId: "wt", price: 2600, text: "26?" }],
    [16, { type: "make-offer", actor: "cal", threadId: "T4", price: 2900, text: "29" }],
    [16, { type: "accept-offer", actor: "sam", offerId: "O6", version: 1 }],
  ];
  for (const [at, action] of steps) {
    const outcome = market.act(action, at);
    if (!outcome.ok) throw new Error(`smallMarket at ${at}: ${outcome.rejection.message}`);
  }
  return market.state;
}
