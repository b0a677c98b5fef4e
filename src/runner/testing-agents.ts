import type { Agent } from "../agents/agent.ts";
import type { AgentAction } from "../engine/action.ts";
import type { AgentView } from "../engine/view.ts";

/**
 * A plain scripted agent for runner tests: lists everything, asks for its wants, offers the asking
 * price on the first matching listing it can afford, accepts any offer at or above its asking price
 * and confirms what it is asked to confirm.
 */
export function scriptedAgent(): Agent {
  return {
    spec: "test:scripted",
    decide(view: AgentView): AgentAction[] {
      const actions: AgentAction[] = [];
      const listed = new Set(view.myListings.map((listing) => listing.itemId));
      for (const item of view.me.mandate.items) {
        if (!listed.has(item.id)) actions.push({ type: "post-listing", itemId: item.id });
      }
      const advertised = new Set(view.myWantAds.map((ad) => ad.wantId));
      for (const want of view.me.mandate.wants) {
        if (!advertised.has(want.id)) actions.push({ type: "post-want-ad", wantId: want.id });
      }
      for (const thread of view.threads) {
        const deal = thread.deal;
        if (deal?.status === "accepted" && deal.acceptedBy !== view.me.id) {
          actions.push({ type: "confirm-deal", dealId: deal.id });
          continue;
        }
        const theirs = thread.offers.find((offer) => offer.to === view.me.id && offer.status === "open");
        if (theirs && thread.role === "seller") {
          actions.push({ type: "accept-offer", offerId: theirs.id, version: theirs.version });
        }
      }
      const busy = new Set(view.threads.map((thread) => thread.thread.wantId));
      let available = view.me.available;
      for (const want of view.me.mandate.wants) {
        if (busy.has(want.id)) continue;
        const listing = view.matchingListings.find(
          (candidate) => candidate.askingPrice <= Math.min(want.maxPrice, available),
        );
        if (listing) {
          actions.push({
            type: "make-offer",
            listingId: listing.id,
            wantId: want.id,
            price: listing.askingPrice,
            text: "I'll take it",
          });
          available -= listing.askingPrice;
        }
      }
      return actions;
    },
  };
}
