import type { Offer } from "../../domain/offer.ts";
import type { MarketState } from "../../engine/state.ts";
import { notFound } from "../errors.ts";
import { type PersonRef, personRef } from "./person-ref.ts";
import { summariseThread, type ThreadSummary } from "./thread-summary.ts";
import { checkViewer, threadAudience, type Viewer, viewerMaySee } from "./viewer.ts";

export interface TranscriptMessage {
  id: string;
  at: number;
  from: PersonRef;
  /** Agent-written: escape it when shown. */
  text: string;
}

/** An offer as it stands now: the market keeps each offer's latest version only. */
export interface TranscriptOffer {
  id: string;
  version: number;
  at: number;
  from: PersonRef;
  price: number;
  status: Offer["status"];
  expiresAt?: number;
}

/** One negotiation: its summary, then its messages and its offers, each in the order made. */
export interface ThreadTranscript extends ThreadSummary {
  /** Empty when `transcript` is "dropped". */
  messages: TranscriptMessage[];
  offers: TranscriptOffer[];
}

/**
 * The thread an id names: a thread id (T12) names itself, a deal id (D53) the negotiation that made
 * the deal. Thread ids are tried first; the two never share a prefix.
 */
export function threadIdFor(state: MarketState, id: string): string | undefined {
  if (state.threads.has(id)) return id;
  return state.deals.get(id)?.threadId;
}

/**
 * The deal an id names: a deal id (D53) names itself, a thread id (T12) the deal that negotiation made,
 * if it made one. The other half of `threadIdFor`: wherever a deal id is asked for, either will do.
 */
export function dealIdFor(state: MarketState, id: string): string | undefined {
  if (state.deals.has(id)) return id;
  return state.threads.get(id)?.dealId;
}

/**
 * One negotiation's transcript, for the operator or one of its two sides, named by its thread id or
 * by the id of the deal it made (what the run's summary and memos print). Anyone else is told there
 * is no such thread, exactly as for an id that does not exist, so ids reveal nothing. Never holds
 * anyone's reserve, max price or budget: only what the two sides said and offered.
 *
 * @throws AppError "thread/not-found" (not-found) for an unknown thread or deal, or one the viewer may
 * not see.
 */
export function threadTranscript(state: MarketState, viewer: Viewer, id: string): ThreadTranscript {
  checkViewer(state, viewer);
  const threadId = threadIdFor(state, id);
  const thread = threadId === undefined ? undefined : state.threads.get(threadId);
  if (!thread || !viewerMaySee(viewer, threadAudience(thread))) {
    throw notFound(
      "thread/not-found",
      viewer === "operator"
        ? `No thread or deal "${id}" in this market.`
        : `No thread or deal "${id}" of yours in this market.`,
    );
  }
  return {
    ...summariseThread(state, thread),
    messages: thread.messageIds.map((id) => {
      const message = state.messages.get(id)!;
      return { id, at: message.at, from: personRef(state, message.from), text: message.text };
    }),
    offers: thread.offerIds.map((id) => {
      const offer = state.offers.get(id)!;
      return {
        id,
        version: offer.version,
        at: offer.madeAt,
        from: personRef(state, offer.from),
        price: offer.price,
        status: offer.status,
        ...(offer.expiresAt !== undefined ? { expiresAt: offer.expiresAt } : {}),
      };
    }),
  };
}
