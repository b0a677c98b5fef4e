import type { MarketState } from "../../../engine/state.ts";
import { notFound } from "../../errors.ts";
import { type ThreadSummary, type ThreadTranscript, threadTranscript } from "../../queries/index.ts";
import { summariseThread } from "../../queries/thread-summary.ts";
import { OPERATOR, participantViewer } from "../../queries/viewer.ts";

/**
 * Who reads what in a served market. Listings, want ads and channel messages are public. In a market
 * with public negotiations (as in a shared Slack channel) everyone signed in also reads every
 * thread's words and offers; otherwise a person reads only their own, and the organiser all. A
 * thread holds no one's reserve, max price or budget either way.
 */
export interface Reader {
  /** The participant asking, when they are in the market. */
  participant?: string;
  /** True for the organiser, and for everyone when negotiations are public. */
  readsAllThreads: boolean;
  /** The organiser: reads everything the market's operator does. */
  operator?: boolean;
}

export function readableThread(state: MarketState, reader: Reader, id: string): ThreadTranscript {
  if (reader.readsAllThreads) return threadTranscript(state, OPERATOR, id);
  if (reader.participant) return threadTranscript(state, participantViewer(reader.participant), id);
  throw notFound("thread/not-found", `No thread or deal "${id}" of yours in this market.`);
}

/** The negotiations about one listing the reader may read. */
export function listingThreads(state: MarketState, reader: Reader, listingId: string): ThreadSummary[] {
  const ids = state.threadsByListing.get(listingId) ?? [];
  return ids
    .map((id) => state.threads.get(id)!)
    .filter(
      (thread) =>
        reader.readsAllThreads || thread.seller === reader.participant || thread.buyer === reader.participant,
    )
    .map((thread) => summariseThread(state, thread));
}
