import type { DealId, ListingId, OfferId, ParticipantId, ThreadId, WantId } from "./ids.ts";
import type { Cents } from "./money.ts";

/**
 * A deal forms in two steps: the recipient of an offer accepts it (the buyer's budget is held), then
 * the offer's maker confirms and the sale settles atomically. Then both people hand the item over.
 */
export interface Deal {
  id: DealId;
  threadId: ThreadId;
  listingId: ListingId;
  wantId: WantId;
  seller: ParticipantId;
  buyer: ParticipantId;
  price: Cents;
  offerId: OfferId;
  offerVersion: number;
  acceptedBy: ParticipantId;
  acceptedAt: number;
  status: "accepted" | "confirmed" | "handed-over" | "cancelled";
  confirmedAt?: number;
  /** Who has marked the hand-over done; both sides must. */
  handedOverBy: ParticipantId[];
}

/** One side of a settlement. The entries of a deal sum to zero. */
export interface LedgerEntry {
  dealId: DealId;
  account: ParticipantId;
  /** Positive for money in, negative for money out. */
  amount: Cents;
  at: number;
}
