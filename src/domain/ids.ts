/** Identifiers are plain strings; the engine mints them deterministically from counters in its state. */
export type ParticipantId = string;
export type ListingId = string;
export type WantAdId = string;
export type ThreadId = string;
export type OfferId = string;
export type DealId = string;
export type MessageId = string;
export type ItemId = string;
export type WantId = string;
