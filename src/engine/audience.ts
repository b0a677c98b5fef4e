import type { MarketEvent } from "./event.ts";
import type { MarketState } from "./state.ts";

/** Who may read an event: everyone, only the named participants, or only the operator. */
export type Audience = { kind: "public" } | { kind: "participants"; ids: string[] } | { kind: "operator" };

const PUBLIC: Audience = { kind: "public" };

/**
 * The audience of an event, so every outward path (views, feeds, exports, the HTTP API) can filter
 * the log. `participant-registered` carries the mandate with its secrets: only its owner sees it.
 */
export function audienceOf(state: MarketState, event: MarketEvent): Audience {
  const parties = (threadId: string): Audience => {
    const thread = state.threads.get(threadId);
    return thread ? { kind: "participants", ids: [thread.seller, thread.buyer] } : { kind: "operator" };
  };
  switch (event.type) {
    case "market-created":
    case "market-opened":
    case "market-closed":
    case "listing-posted":
    case "listing-withdrawn":
    case "want-ad-posted":
      return PUBLIC;
    case "participant-registered":
      return { kind: "participants", ids: [event.participant.id] };
    case "message-posted":
      return event.message.where === "channel" ? PUBLIC : parties(event.message.where);
    case "thread-opened":
      return { kind: "participants", ids: [event.thread.seller, event.thread.buyer] };
    case "offer-made":
      return parties(event.offer.threadId);
    case "offer-withdrawn": {
      const offer = state.offers.get(event.offerId);
      return offer ? parties(offer.threadId) : { kind: "operator" };
    }
    case "deal-accepted":
      return { kind: "participants", ids: [event.deal.seller, event.deal.buyer] };
    case "deal-confirmed":
    case "deal-cancelled":
    case "deal-handed-over": {
      const deal = state.deals.get(event.dealId);
      return deal ? { kind: "participants", ids: [deal.seller, deal.buyer] } : { kind: "operator" };
    }
    case "thread-declined":
    case "thread-expired":
      return parties(event.threadId);
    case "agent-faulted":
      return { kind: "participants", ids: [event.participant] };
    case "usage-recorded":
    case "action-refused":
      return event.actor === "market" ? { kind: "operator" } : { kind: "participants", ids: [event.actor] };
  }
}

export function canSee(audience: Audience, viewer: string | "operator"): boolean {
  if (viewer === "operator") return true;
  if (audience.kind === "public") return true;
  return audience.kind === "participants" && audience.ids.includes(viewer);
}
