/**
 * What the strategy decided to do this turn, handed to the language part to put into words. The
 * language part sees only public facts and the price being proposed: never the reserve, max price
 * or budget, so it cannot leak them.
 */
export type MoveKind =
  | "greet" // first contact, usually with an opening anchor
  | "anchor" // the opening price with a justification
  | "counter" // a new price after theirs
  | "concede" // a counter that gives ground noticeably
  | "hold-firm" // repeats our price
  | "accept" // we accept their price
  | "confirm" // we confirm a deal they accepted
  | "reject" // no to their price, without a new one
  | "walk-away" // we end the negotiation
  | "question" // ask about the item / the buyer's interest
  | "answer" // reply to a question
  | "thanks"; // after a deal: hand-over talk

export interface ItemFacts {
  title: string;
  condition: "new" | "like-new" | "good" | "fair" | "poor";
  category: string;
  ageYears?: number;
  flaws: string[];
  askingPrice: number;
  retailPrice?: number;
}

export interface Move {
  kind: MoveKind;
  role: "seller" | "buyer";
  /** Our price for this move, integer cents (absent for reject/walk-away/question). */
  price?: number;
  /** Our previous price, if any. */
  previousPrice?: number;
  /** Their latest price, if any. */
  theirPrice?: number;
  item: ItemFacts;
  counterpartName: string;
  myName: string;
  /** 0-based count of our moves in this thread so far. */
  round: number;
  /**
   * Arguments the strategy wants voiced: "flaw" (a flaw of the item, buyer side), "age", "condition",
   * "retail" (a retail comparison), "urgency" (the other side sounded in a hurry), "other-offers"
   * (seller: others are interested), "budget-tight" (buyer pleads a tight budget, without numbers),
   * "final" (this is our last offer), "reoffer" (we re-offer their own earlier bid).
   */
  leverage: string[];
  currency: string;
  /** The other side's latest message, the one this move answers, asked about the item. */
  theyAsked?: boolean;
}
