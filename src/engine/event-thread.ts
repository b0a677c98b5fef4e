import type { MarketEvent } from "./event.ts";
import type { MarketState } from "./state.ts";

/** The thread an event is about, if any: what live streams and outside agents are told changed. */
export function threadOfEvent(state: MarketState, event: MarketEvent): string | undefined {
  switch (event.type) {
    case "thread-opened":
      return event.thread.id;
    case "offer-made":
      return event.offer.threadId;
    case "offer-withdrawn":
      return state.offers.get(event.offerId)?.threadId;
    case "message-posted":
      return event.message.where === "channel" ? undefined : event.message.where;
    case "deal-accepted":
      return event.deal.threadId;
    case "deal-confirmed":
    case "deal-cancelled":
    case "deal-handed-over":
      return state.deals.get(event.dealId)?.threadId;
    case "thread-declined":
    case "thread-expired":
      return event.threadId;
    default:
      return undefined;
  }
}
