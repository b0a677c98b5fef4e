import type { Deal } from "../domain/deal.ts";
import type { Listing, WantAd } from "../domain/listing.ts";
import type { Mandate } from "../domain/mandate.ts";
import type { Offer } from "../domain/offer.ts";
import type { Message, Thread } from "../domain/thread.ts";
import { compareIds, listingsMatching, wantAdsMatching } from "./match-index.ts";
import type { MarketState } from "./state.ts";

/** A negotiation as one side sees it. */
export interface ThreadView {
  thread: Thread;
  role: "seller" | "buyer";
  listing: Listing;
  counterpart: { id: string; name: string };
  messages: Message[];
  /** Every version of every offer in the thread is not kept; this is each offer's current version. */
  offers: Offer[];
  deal?: Deal;
}

/**
 * Everything one participant's agent may see: its own mandate (with its secrets), public posts,
 * and its own threads. Never anyone else's reserve, max price or budget. Read-only: its records are
 * the market's own, frozen.
 */
export interface AgentView {
  now: number;
  market: { id: string; status: MarketState["status"]; currency: string; closesAt?: number };
  me: {
    id: string;
    name: string;
    mandate: Mandate;
    spent: number;
    held: number;
    earned: number;
    /** Budget left to commit: budget - spent - held. */
    available: number;
  };
  myListings: Listing[];
  myWantAds: WantAd[];
  /** Active listings by others that match my wants, best first. */
  matchingListings: Listing[];
  /** Active want ads by others that my active listings could serve. */
  matchingWantAds: WantAd[];
  /** The latest channel messages. */
  channelMessages: Message[];
  threads: ThreadView[];
  deals: Deal[];
}

// A thread's view is rebuilt only when something in it changed: records are frozen and replaced on
// change, and every event that changes an offer or a message of a thread also replaces the thread
// record (see evolve.ts), so identity tells. One cache per side, since the view depends on the side.
const threadViews = { seller: new WeakMap<Thread, ThreadView>(), buyer: new WeakMap<Thread, ThreadView>() };

function threadViewOf(state: MarketState, thread: Thread, role: "seller" | "buyer"): ThreadView {
  const listing = state.listings.get(thread.listingId)!;
  const deal = thread.dealId ? state.deals.get(thread.dealId) : undefined;
  const cached = threadViews[role].get(thread);
  if (cached && cached.listing === listing && cached.deal === deal) return cached;
  const counterpart = state.participants.get(role === "seller" ? thread.buyer : thread.seller)!.participant;
  const view: ThreadView = Object.freeze({
    thread,
    role,
    listing,
    counterpart: Object.freeze({ id: counterpart.id, name: counterpart.name }),
    messages: Object.freeze(thread.messageIds.map((id) => state.messages.get(id)!)) as Message[],
    offers: Object.freeze(thread.offerIds.map((id) => state.offers.get(id)!)) as Offer[],
    ...(deal ? { deal } : {}),
  });
  threadViews[role].set(thread, view);
  return view;
}

export interface ViewOptions {
  /** Most listings to include per want (the feed an agent browses). */
  listingsPerWant?: number;
  channelMessages?: number;
  /** The clock time the agent looks at the market (a wake-up's time); defaults to the last event's time. */
  now?: number;
}

/** Builds the view of `participantId`. Cost grows with what concerns that participant only. */
export function viewFor(state: MarketState, participantId: string, options: ViewOptions = {}): AgentView {
  const self = state.participants.get(participantId);
  if (!self) throw new Error(`viewFor: unknown participant ${participantId}`);
  const { participant } = self;
  const perWant = options.listingsPerWant ?? 20;

  const findMatchingListings = (): Listing[] => {
    const matching = new Map<string, Listing>();
    for (const want of participant.mandate.wants) {
      if (self.wantsTaken.has(want.id)) continue;
      const ids = listingsMatching(state.index, want, {
        limit: perWant,
        asker: participantId,
        accept: (id) => {
          const listing = state.listings.get(id);
          return listing !== undefined && listing.seller !== participantId && listing.status === "active";
        },
      });
      for (const id of ids) matching.set(id, state.listings.get(id)!);
    }
    return [...matching.values()].sort((a, b) => compareIds(a.id, b.id));
  };

  const findMatchingWantAds = (): WantAd[] => {
    const matchingAds = new Map<string, WantAd>();
    for (const listingId of self.listingIds) {
      const listing = state.listings.get(listingId);
      if (listing?.status !== "active") continue;
      const ids = wantAdsMatching(state.index, listing, {
        limit: perWant,
        asker: participantId,
        accept: (id) => {
          const ad = state.wantAds.get(id);
          return ad !== undefined && ad.buyer !== participantId && ad.status === "active";
        },
      });
      for (const id of ids) matchingAds.set(id, state.wantAds.get(id)!);
    }
    return [...matchingAds.values()].sort((a, b) => compareIds(a.id, b.id));
  };

  const threads: ThreadView[] = self.threadIds.map((threadId) => {
    const thread = state.threads.get(threadId)!;
    const role = thread.seller === participantId ? "seller" : "buyer";
    return threadViewOf(state, thread, role);
  });

  let matchingListings: Listing[] | undefined;
  let matchingWantAds: WantAd[] | undefined;
  const channelCount = options.channelMessages ?? 20;
  const budget = participant.mandate.budget;
  return {
    now: Math.max(state.now, options.now ?? state.now),
    market: {
      id: state.config.marketId,
      status: state.status,
      currency: state.config.currency,
      ...(state.closesAt !== undefined ? { closesAt: state.closesAt } : {}),
    },
    me: {
      id: participant.id,
      name: participant.name,
      mandate: participant.mandate,
      spent: self.spent,
      held: self.held,
      earned: self.earned,
      available: budget - self.spent - self.held,
    },
    myListings: self.listingIds.map((id) => state.listings.get(id)!),
    myWantAds: self.wantAdIds.map((id) => state.wantAds.get(id)!),
    // Searched on first read: an agent with nothing to start (every want taken, no idle listing)
    // never pays for the search. The state does not change while an agent decides on its view, so a
    // late read sees what an early one would have; the result is kept.
    get matchingListings() {
      matchingListings ??= findMatchingListings();
      return matchingListings;
    },
    get matchingWantAds() {
      matchingWantAds ??= findMatchingWantAds();
      return matchingWantAds;
    },
    channelMessages: state.channelMessageIds.slice(-channelCount).map((id) => state.messages.get(id)!),
    threads,
    deals: threads.flatMap((t) => (t.deal ? [t.deal] : [])),
  };
}
