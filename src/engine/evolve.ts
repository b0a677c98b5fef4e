import type { Thread } from "../domain/thread.ts";
import type { MarketEvent } from "./event.ts";
import { indexListing, indexWantAd, unindexListing, unindexWantAd } from "./match-index.ts";
import type { MarketState, ParticipantState } from "./state.ts";

/** Threads in these states take no more offers or accepts. */
export const FINAL_THREAD_STATES: ReadonlySet<Thread["status"]> = new Set([
  "confirmed",
  "handed-over",
  "declined",
  "expired",
]);

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function participant(state: MarketState, id: string): ParticipantState {
  const found = state.participants.get(id);
  if (!found) throw new Error(`evolve: unknown participant ${id}`);
  return found;
}

/**
 * Folds one event into the state, in place. Deterministic and total for any event that `decide`
 * produced; the only way state changes, so replaying the log rebuilds the market exactly. It mutates
 * for speed: one writer owns a market's state (clone it first if you need the old one).
 */
export function evolve(state: MarketState, event: MarketEvent): MarketState {
  state.seq = event.seq;
  if (event.at > state.now) state.now = event.at;
  if (event.key !== undefined && event.fingerprint !== undefined) {
    state.idempotency.set(`${event.actor}|${event.key}`, event.fingerprint);
  }
  switch (event.type) {
    case "market-created":
      state.config = event.config;
      break;
    case "participant-registered":
      state.participants.set(event.participant.id, {
        participant: event.participant,
        spent: 0,
        held: 0,
        earned: 0,
        tokens: 0,
        listingIds: [],
        wantAdIds: [],
        threadIds: [],
        listedItems: new Set(),
        wantsTaken: new Set(),
      });
      break;
    case "market-opened":
      state.status = "open";
      if (event.closesAt !== undefined) state.closesAt = event.closesAt;
      break;
    case "market-closed":
      state.status = "closed";
      break;
    case "listing-posted": {
      const listing = { ...event.listing, flaws: [...event.listing.flaws] };
      state.listings.set(listing.id, listing);
      state.counters.listing++;
      const seller = participant(state, listing.seller);
      seller.listingIds.push(listing.id);
      seller.listedItems.add(listing.itemId);
      indexListing(state.index, listing);
      break;
    }
    case "listing-withdrawn": {
      const listing = state.listings.get(event.listingId)!;
      listing.status = "withdrawn";
      participant(state, listing.seller).listedItems.delete(listing.itemId);
      unindexListing(state.index, listing);
      break;
    }
    case "want-ad-posted": {
      const ad = { ...event.wantAd, keywords: [...event.wantAd.keywords] };
      state.wantAds.set(ad.id, ad);
      state.counters.wantAd++;
      participant(state, ad.buyer).wantAdIds.push(ad.id);
      indexWantAd(state.index, ad);
      break;
    }
    case "message-posted": {
      const message = { ...event.message };
      state.messages.set(message.id, message);
      state.counters.message++;
      if (message.where === "channel") state.channelMessageIds.push(message.id);
      else {
        const thread = state.threads.get(message.where)!;
        thread.messageIds.push(message.id);
        thread.turns++;
        thread.updatedAt = event.at;
      }
      break;
    }
    case "thread-opened": {
      const t = event.thread;
      const thread: Thread = {
        ...t,
        status: "open",
        openedAt: event.at,
        updatedAt: event.at,
        messageIds: [],
        offerIds: [],
        offerCount: { [t.seller]: 0, [t.buyer]: 0 },
        turns: 0,
      };
      state.threads.set(thread.id, thread);
      state.counters.thread++;
      state.threadByPair.set(`${thread.listingId}|${thread.buyer}`, thread.id);
      push(state.threadsByListing, thread.listingId, thread.id);
      push(state.threadsByWant, `${thread.buyer}|${thread.wantId}`, thread.id);
      participant(state, thread.seller).threadIds.push(thread.id);
      participant(state, thread.buyer).threadIds.push(thread.id);
      break;
    }
    case "offer-made": {
      const offer = { ...event.offer };
      const thread = state.threads.get(offer.threadId)!;
      if (offer.version === 1) {
        state.counters.offer++;
        thread.offerIds.push(offer.id);
      }
      for (const otherId of thread.offerIds) {
        const other = state.offers.get(otherId);
        if (other && other.from !== offer.from && other.status === "open") other.status = "countered";
      }
      state.offers.set(offer.id, offer);
      thread.status = "negotiating";
      thread.offerCount[offer.from] = (thread.offerCount[offer.from] ?? 0) + 1;
      thread.turns++;
      thread.updatedAt = event.at;
      break;
    }
    case "offer-withdrawn": {
      const offer = state.offers.get(event.offerId)!;
      offer.status = "withdrawn";
      break;
    }
    case "deal-accepted": {
      const deal = { ...event.deal, handedOverBy: [...event.deal.handedOverBy] };
      state.deals.set(deal.id, deal);
      state.counters.deal++;
      state.offers.get(deal.offerId)!.status = "accepted";
      const thread = state.threads.get(deal.threadId)!;
      thread.status = "agreed";
      thread.dealId = deal.id;
      thread.updatedAt = event.at;
      state.listings.get(deal.listingId)!.status = "pending";
      const buyer = participant(state, deal.buyer);
      buyer.held += deal.price;
      buyer.wantsTaken.add(deal.wantId);
      break;
    }
    case "deal-confirmed": {
      const deal = state.deals.get(event.dealId)!;
      deal.status = "confirmed";
      deal.confirmedAt = event.at;
      const thread = state.threads.get(deal.threadId)!;
      thread.status = "confirmed";
      thread.updatedAt = event.at;
      const listing = state.listings.get(deal.listingId)!;
      listing.status = "sold";
      unindexListing(state.index, listing);
      const buyer = participant(state, deal.buyer);
      buyer.held -= deal.price;
      buyer.spent += deal.price;
      participant(state, deal.seller).earned += deal.price;
      for (const entry of event.ledger) state.ledger.push({ ...entry });
      for (const adId of buyer.wantAdIds) {
        const ad = state.wantAds.get(adId)!;
        if (ad.wantId === deal.wantId && ad.status === "active") {
          ad.status = "fulfilled";
          unindexWantAd(state.index, ad);
        }
      }
      break;
    }
    case "deal-cancelled": {
      const deal = state.deals.get(event.dealId)!;
      deal.status = "cancelled";
      state.offers.get(deal.offerId)!.status = "withdrawn";
      const listing = state.listings.get(deal.listingId)!;
      if (listing.status === "pending") listing.status = "active";
      const buyer = participant(state, deal.buyer);
      buyer.held -= deal.price;
      buyer.wantsTaken.delete(deal.wantId);
      break;
    }
    case "deal-handed-over": {
      const deal = state.deals.get(event.dealId)!;
      deal.handedOverBy.push(event.by);
      if (deal.handedOverBy.length >= 2) {
        deal.status = "handed-over";
        state.threads.get(deal.threadId)!.status = "handed-over";
      }
      break;
    }
    case "thread-declined":
    case "thread-expired": {
      const thread = state.threads.get(event.threadId)!;
      thread.status = event.type === "thread-declined" ? "declined" : "expired";
      thread.updatedAt = event.at;
      for (const offerId of thread.offerIds) {
        const offer = state.offers.get(offerId)!;
        if (offer.status === "open") offer.status = "expired";
      }
      break;
    }
    case "usage-recorded":
      participant(state, event.actor).tokens += event.inputTokens + event.outputTokens;
      break;
    case "action-refused":
      break;
    default: {
      const exhaustive: never = event;
      throw new Error(`evolve: unknown event ${(exhaustive as { type: string }).type}`);
    }
  }
  return state;
}
