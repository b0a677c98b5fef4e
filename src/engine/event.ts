import type { Deal, LedgerEntry } from "../domain/deal.ts";
import type { Listing, WantAd } from "../domain/listing.ts";
import type { Participant } from "../domain/mandate.ts";
import type { Offer } from "../domain/offer.ts";
import type { Message, Thread } from "../domain/thread.ts";
import type { ActionType } from "./action.ts";
import type { MarketConfig } from "./market-config.ts";
import type { RejectionCode } from "./rejection.ts";

/** Fields every event carries: its place in the log, the market clock, and who caused it. */
export interface EventMeta {
  seq: number;
  at: number;
  actor: string;
  /** The idempotency key of the action that caused it, if any. */
  key?: string;
  /** Fingerprint of the action's content, on the first event of an action that had a key. */
  fingerprint?: string;
}

/** Event payloads, discriminated on `type`; names put the noun first. */
export type EventBody =
  | { type: "market-created"; config: MarketConfig }
  | { type: "participant-registered"; participant: Participant }
  | { type: "market-opened"; closesAt?: number }
  | { type: "market-closed" }
  | { type: "listing-posted"; listing: Listing }
  | { type: "listing-withdrawn"; listingId: string }
  | { type: "want-ad-posted"; wantAd: WantAd }
  | { type: "message-posted"; message: Message }
  | {
      type: "thread-opened";
      thread: Pick<Thread, "id" | "listingId" | "seller" | "buyer" | "wantId" | "openedBy">;
    }
  | { type: "offer-made"; offer: Offer }
  | { type: "offer-withdrawn"; offerId: string }
  | { type: "deal-accepted"; deal: Deal }
  | { type: "deal-confirmed"; dealId: string; ledger: LedgerEntry[] }
  | { type: "deal-cancelled"; dealId: string; reason: string }
  | { type: "deal-handed-over"; dealId: string; by: string }
  | { type: "thread-declined"; threadId: string; by: string }
  | { type: "thread-expired"; threadId: string }
  | { type: "usage-recorded"; inputTokens: number; outputTokens: number }
  | {
      type: "agent-faulted";
      participant: string;
      fault: "threw" | "timeout" | "malformed" | "over-cap";
      reason: string;
      suspended: boolean;
    }
  | {
      type: "action-refused";
      action: { type: ActionType | string; summary: Record<string, unknown> };
      code: RejectionCode;
      message: string;
    };

export type MarketEvent = EventMeta & EventBody;
export type EventType = EventBody["type"];
export type EventOf<T extends EventType> = Extract<MarketEvent, { type: T }>;
