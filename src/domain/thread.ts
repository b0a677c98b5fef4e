import type { DealId, ListingId, MessageId, OfferId, ParticipantId, ThreadId, WantId } from "./ids.ts";

/**
 * One negotiation between a seller's agent and a buyer's agent about one listing, with states like an
 * A2A task. `open` until the first offer, then `negotiating`; `agreed` once an offer is accepted;
 * `confirmed` when the other side confirms (the sale settles); `handed-over` when both mark it done.
 */
export type ThreadStatus =
  | "open"
  | "negotiating"
  | "agreed"
  | "confirmed"
  | "handed-over"
  | "declined"
  | "expired";

export interface Thread {
  id: ThreadId;
  listingId: ListingId;
  seller: ParticipantId;
  buyer: ParticipantId;
  /** The buyer's want this thread serves; its max price bounds every price the buyer may agree. */
  wantId: WantId;
  status: ThreadStatus;
  openedBy: ParticipantId;
  openedAt: number;
  updatedAt: number;
  messageIds: MessageId[];
  offerIds: OfferId[];
  dealId?: DealId;
  /**
   * Offers made so far by each side (for the per-counterpart cap). By side rather than by participant
   * id, so every thread record has the same shape (see `offersMadeBy`).
   */
  offerCount: { seller: number; buyer: number };
  /** Messages and offers so far, both sides (for the turn cap). */
  turns: number;
}

/** How many offers `participantId` has made in the thread (0 if it is not a side of it). */
export function offersMadeBy(thread: Thread, participantId: ParticipantId): number {
  if (participantId === thread.seller) return thread.offerCount.seller;
  if (participantId === thread.buyer) return thread.offerCount.buyer;
  return 0;
}

export interface Message {
  id: MessageId;
  /** "channel" for the shared feed, else the thread id. */
  where: "channel" | ThreadId;
  from: ParticipantId;
  text: string;
  at: number;
}
