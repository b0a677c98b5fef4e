import { deepFreeze, frozenCopy } from "../domain/deep-freeze.ts";
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

/**
 * Records are never edited in place: a change replaces the record with a new frozen one. So a view
 * can hand out the market's own records without copying them, and no agent can edit the market.
 */
function update<T extends object>(map: Map<string, T>, id: string, patch: Partial<T>): T {
  const next = frozenCopy(map.get(id)!, patch) as T;
  map.set(id, next);
  return next;
}

const NO_IDS: readonly string[] = Object.freeze([]);

/** Forgets the messages and offers of a thread that ended without a deal (see `MarketState.transcripts`). */
function dropTranscript(state: MarketState, thread: Thread): void {
  for (const id of thread.messageIds) state.messages.delete(id);
  for (const id of thread.offerIds) state.offers.delete(id);
}

function participant(state: MarketState, id: string): ParticipantState {
  const found = state.participants.get(id);
  if (!found) throw new Error(`evolve: unknown participant ${id}`);
  return found;
}

/**
 * Folds one event into the state. Deterministic and total for any event that `decide` produced; the
 * only way state changes, so replaying the log rebuilds the market exactly. The maps and counters
 * change in place for speed (one writer owns a market's state); the records in them are frozen and
 * replaced on change, so what a view handed out earlier stays as it was.
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
        participant: deepFreeze(structuredClone(event.participant)),
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
      const listing = deepFreeze(Object.assign({}, event.listing, { flaws: [...event.listing.flaws] }));
      state.listings.set(listing.id, listing);
      state.counters.listing++;
      const seller = participant(state, listing.seller);
      seller.listingIds.push(listing.id);
      seller.listedItems.add(listing.itemId);
      indexListing(state.index, listing);
      break;
    }
    case "listing-withdrawn": {
      const listing = update(state.listings, event.listingId, { status: "withdrawn" });
      participant(state, listing.seller).listedItems.delete(listing.itemId);
      unindexListing(state.index, listing);
      break;
    }
    case "want-ad-posted": {
      const ad = deepFreeze(Object.assign({}, event.wantAd, { keywords: [...event.wantAd.keywords] }));
      state.wantAds.set(ad.id, ad);
      state.counters.wantAd++;
      participant(state, ad.buyer).wantAdIds.push(ad.id);
      indexWantAd(state.index, ad);
      break;
    }
    case "message-posted": {
      const message = frozenCopy(event.message);
      state.messages.set(message.id, message);
      state.counters.message++;
      if (message.where === "channel") state.channelMessageIds.push(message.id);
      else {
        const thread = state.threads.get(message.where)!;
        update(state.threads, thread.id, {
          messageIds: Object.freeze([...thread.messageIds, message.id]) as string[],
          turns: thread.turns + 1,
          updatedAt: event.at,
        });
      }
      break;
    }
    case "thread-opened": {
      const t = event.thread;
      const thread: Thread = deepFreeze(
        Object.assign({}, t, {
          status: "open" as const,
          openedAt: event.at,
          updatedAt: event.at,
          messageIds: [],
          offerIds: [],
          offerCount: { seller: 0, buyer: 0 },
          turns: 0,
        }),
      );
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
      const offer = frozenCopy(event.offer);
      const thread = state.threads.get(offer.threadId)!;
      const offerIds = offer.version === 1 ? [...thread.offerIds, offer.id] : thread.offerIds;
      if (offer.version === 1) state.counters.offer++;
      for (const otherId of offerIds) {
        const other = state.offers.get(otherId);
        if (other && other.from !== offer.from && other.status === "open") {
          update(state.offers, otherId, { status: "countered" });
        }
      }
      state.offers.set(offer.id, offer);
      update(state.threads, thread.id, {
        offerIds: Object.freeze(offerIds) as string[],
        status: "negotiating",
        offerCount: Object.freeze(
          offer.from === thread.seller
            ? { seller: thread.offerCount.seller + 1, buyer: thread.offerCount.buyer }
            : { seller: thread.offerCount.seller, buyer: thread.offerCount.buyer + 1 },
        ),
        turns: thread.turns + 1,
        updatedAt: event.at,
      });
      break;
    }
    case "offer-withdrawn": {
      const offer = update(state.offers, event.offerId, { status: "withdrawn" });
      // A new thread record too, so a thread's identity tells whether anything in it changed (view.ts).
      update(state.threads, offer.threadId, {});
      break;
    }
    case "deal-accepted": {
      const deal = deepFreeze(Object.assign({}, event.deal, { handedOverBy: [...event.deal.handedOverBy] }));
      state.deals.set(deal.id, deal);
      state.counters.deal++;
      update(state.offers, deal.offerId, { status: "accepted" });
      update(state.threads, deal.threadId, { status: "agreed", dealId: deal.id, updatedAt: event.at });
      update(state.listings, deal.listingId, { status: "pending" });
      const buyer = participant(state, deal.buyer);
      buyer.held += deal.price;
      buyer.wantsTaken.add(deal.wantId);
      break;
    }
    case "deal-confirmed": {
      const deal = update(state.deals, event.dealId, { status: "confirmed", confirmedAt: event.at });
      update(state.threads, deal.threadId, { status: "confirmed", updatedAt: event.at });
      const listing = update(state.listings, deal.listingId, { status: "sold" });
      unindexListing(state.index, listing);
      const buyer = participant(state, deal.buyer);
      buyer.held -= deal.price;
      buyer.spent += deal.price;
      participant(state, deal.seller).earned += deal.price;
      for (const entry of event.ledger) state.ledger.push(frozenCopy(entry));
      for (const adId of buyer.wantAdIds) {
        const ad = state.wantAds.get(adId)!;
        if (ad.wantId === deal.wantId && ad.status === "active") {
          unindexWantAd(state.index, update(state.wantAds, adId, { status: "fulfilled" }));
        }
      }
      break;
    }
    case "deal-cancelled": {
      const deal = update(state.deals, event.dealId, { status: "cancelled" });
      update(state.offers, deal.offerId, { status: "withdrawn" });
      if (state.listings.get(deal.listingId)!.status === "pending") {
        update(state.listings, deal.listingId, { status: "active" });
      }
      const buyer = participant(state, deal.buyer);
      buyer.held -= deal.price;
      buyer.wantsTaken.delete(deal.wantId);
      break;
    }
    case "deal-handed-over": {
      const before = state.deals.get(event.dealId)!;
      const handedOverBy = Object.freeze([...before.handedOverBy, event.by]) as string[];
      const done = handedOverBy.length >= 2;
      const deal = update(state.deals, event.dealId, {
        handedOverBy,
        ...(done ? { status: "handed-over" as const } : {}),
      });
      if (done) update(state.threads, deal.threadId, { status: "handed-over" });
      break;
    }
    case "thread-declined":
    case "thread-expired": {
      const ended = state.threads.get(event.threadId)!;
      const drop = state.transcripts === "live" && ended.dealId === undefined;
      if (drop) dropTranscript(state, ended);
      const thread = update(state.threads, event.threadId, {
        status: event.type === "thread-declined" ? "declined" : "expired",
        updatedAt: event.at,
        ...(drop ? { messageIds: NO_IDS as string[], offerIds: NO_IDS as string[] } : {}),
      });
      for (const offerId of thread.offerIds) {
        if (state.offers.get(offerId)!.status === "open")
          update(state.offers, offerId, { status: "expired" });
      }
      break;
    }
    case "usage-recorded":
      participant(state, event.actor).tokens += event.inputTokens + event.outputTokens;
      break;
    case "agent-faulted":
      if (event.suspended) participant(state, event.participant).suspended = true;
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
