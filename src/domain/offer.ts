import type { ListingId, OfferId, ParticipantId, ThreadId } from "./ids.ts";
import type { Cents } from "./money.ts";

/**
 * An offer. Each version is immutable: revising an offer keeps its id and bumps its version, and
 * a counter by the other side is a new offer. Only a typed accept naming the id and the current
 * version binds.
 */
export interface Offer {
  id: OfferId;
  version: number;
  threadId: ThreadId;
  listingId: ListingId;
  from: ParticipantId;
  to: ParticipantId;
  price: Cents;
  /** Market-clock milliseconds after which it can no longer be accepted. */
  expiresAt?: number;
  status: "open" | "withdrawn" | "countered" | "accepted" | "expired";
  madeAt: number;
}
