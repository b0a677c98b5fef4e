import type { MarketEvent } from "../engine/event.ts";
import { listingsMatching, wantAdsMatching } from "../engine/match-index.ts";
import type { MarketState } from "../engine/state.ts";

/** The thread's other side, for the events that call for a reply. */
function counterpartOf(state: MarketState, event: MarketEvent): string | undefined {
  let threadId: string | undefined;
  switch (event.type) {
    case "thread-opened":
      threadId = event.thread.id;
      break;
    case "offer-made":
      threadId = event.offer.threadId;
      break;
    case "message-posted":
      if (event.message.where !== "channel") threadId = event.message.where;
      break;
    case "deal-accepted":
      threadId = event.deal.threadId;
      break;
    case "deal-cancelled":
    case "deal-confirmed":
      threadId = state.deals.get(event.dealId)?.threadId;
      break;
    case "thread-declined":
      threadId = event.threadId;
      break;
    default:
      return undefined;
  }
  const thread = threadId ? state.threads.get(threadId) : undefined;
  if (!thread) return undefined;
  return thread.seller === event.actor ? thread.buyer : thread.seller;
}

/**
 * Calls `wake` for each participant who should look at the market because of `event`: the buyers
 * whose want ads a new listing matches, the sellers whose listings a new want ad matches, and the
 * other side of a thread that moved. Bounded per event (12 matches), so cost follows what matches.
 * The order of calls is fixed, as the scheduler draws a random delay for each.
 */
export function notifiedBy(state: MarketState, event: MarketEvent, wake: (who: string) => void): void {
  if (event.type === "listing-posted") {
    const accept = (adId: string) => state.wantAds.get(adId)!.buyer !== event.actor;
    for (const adId of wantAdsMatching(state.index, event.listing, {
      limit: 12,
      accept,
      asker: event.listing.id,
    })) {
      wake(state.wantAds.get(adId)!.buyer);
    }
  } else if (event.type === "want-ad-posted") {
    const accept = (listingId: string) => state.listings.get(listingId)!.seller !== event.actor;
    for (const listingId of listingsMatching(state.index, event.wantAd, {
      limit: 12,
      accept,
      asker: event.wantAd.id,
    })) {
      wake(state.listings.get(listingId)!.seller);
    }
  } else {
    const other = counterpartOf(state, event);
    if (other) wake(other);
  }
}
