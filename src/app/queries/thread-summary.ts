import type { Deal } from "../../domain/deal.ts";
import type { Thread } from "../../domain/thread.ts";
import type { MarketState } from "../../engine/state.ts";
import { type PersonRef, personRef } from "./person-ref.ts";

/** A deal as its two sides see it. */
export interface DealSummary {
  id: string;
  price: number;
  status: Deal["status"];
  acceptedAt: number;
  confirmedAt?: number;
  /** Who has marked the hand-over done, seller and buyer ids; both must. */
  handedOverBy: string[];
}

/** One negotiation without its words: what a list of threads shows. */
export interface ThreadSummary {
  id: string;
  listingId: string;
  /** The listing's title. */
  item: string;
  askingPrice: number;
  seller: PersonRef;
  buyer: PersonRef;
  status: Thread["status"];
  openedAt: number;
  updatedAt: number;
  deal?: DealSummary;
  /** Messages posted in the thread, counted even when the transcript was dropped. */
  messageCount: number;
  /** Offers made in it, revisions included, counted even when the transcript was dropped. */
  offersMade: number;
  /**
   * "dropped" when the market keeps only live transcripts (`MarketState.transcripts: "live"`) and
   * this thread ended without a deal: its messages and offers are then only in the event log.
   */
  transcript: "kept" | "dropped";
}

export function dealSummary(deal: Deal): DealSummary {
  return {
    id: deal.id,
    price: deal.price,
    status: deal.status,
    acceptedAt: deal.acceptedAt,
    ...(deal.confirmedAt !== undefined ? { confirmedAt: deal.confirmedAt } : {}),
    handedOverBy: [...deal.handedOverBy],
  };
}

/** Whether evolve dropped the thread's messages and offers (see `dropTranscript` in evolve.ts). */
export function transcriptDropped(state: MarketState, thread: Thread): boolean {
  return (
    state.transcripts === "live" &&
    thread.dealId === undefined &&
    (thread.status === "declined" || thread.status === "expired")
  );
}

/**
 * The summary of a thread. Counts come from the thread's own counters, which survive a dropped
 * transcript: every message and every offer adds a turn, and every offer one to its side's count.
 * Callers check that the viewer may see the thread.
 */
export function summariseThread(state: MarketState, thread: Thread): ThreadSummary {
  const listing = state.listings.get(thread.listingId)!;
  const deal = thread.dealId ? state.deals.get(thread.dealId) : undefined;
  const offersMade = thread.offerCount.seller + thread.offerCount.buyer;
  return {
    id: thread.id,
    listingId: thread.listingId,
    item: listing.title,
    askingPrice: listing.askingPrice,
    seller: personRef(state, thread.seller),
    buyer: personRef(state, thread.buyer),
    status: thread.status,
    openedAt: thread.openedAt,
    updatedAt: thread.updatedAt,
    ...(deal ? { deal: dealSummary(deal) } : {}),
    messageCount: thread.turns - offersMade,
    offersMade,
    transcript: transcriptDropped(state, thread) ? "dropped" : "kept",
  };
}
