import type { Deal } from "../../domain/deal.ts";
import type { ActionOf } from "../action.ts";
import type { EventBody } from "../event.ts";
import { FINAL_THREAD_STATES } from "../evolve.ts";
import { acceptTimeoutOf, confirmDeadline } from "../expiry.ts";
import { reject } from "../rejection.ts";
import type { MarketState, ParticipantState } from "../state.ts";
import type { Decision } from "./decision.ts";
import {
  available,
  checkAvoided,
  checkMessageLength,
  findLiveThread,
  missingOffer,
  requireOpen,
} from "./guards.ts";
import { threadMessage } from "./thread-actions.ts";

/**
 * The first step of a deal: the offer's recipient accepts a specific version. It is refused if the
 * offer changed, expired or was withdrawn, or if it would break either owner's limits. The buyer's
 * budget is held until the maker confirms.
 */
export function acceptOffer(
  state: MarketState,
  self: ParticipantState,
  action: ActionOf<"accept-offer">,
  now: number,
): Decision {
  const closed = requireOpen(state) ?? checkMessageLength(state, action.text);
  if (closed) return closed;
  const actor = self.participant.id;
  const offer = state.offers.get(action.offerId);
  if (!offer) return missingOffer(state, action.offerId);
  if (offer.to !== actor)
    return reject("offer/not-recipient", "Only the person an offer is made to can accept it.");
  if (offer.version !== action.version) {
    return reject(
      "offer/stale-version",
      `Offer "${offer.id}" changed: it is now version ${offer.version}, not ${action.version}. Read it again before accepting.`,
    );
  }
  if (offer.status === "withdrawn") return reject("offer/withdrawn", `Offer "${offer.id}" was withdrawn.`);
  if (offer.status !== "open")
    return reject(
      "offer/not-open",
      `Offer "${offer.id}" is ${offer.status}; only an open offer can be accepted.`,
    );
  if (offer.expiresAt !== undefined && now > offer.expiresAt)
    return reject("offer/expired", `Offer "${offer.id}" has expired.`);
  const found = findLiveThread(state, actor, offer.threadId);
  if ("code" in found) return found;
  const { thread } = found;
  const avoided = checkAvoided(state, actor, thread.seller, thread.buyer);
  if (avoided) return avoided;
  if (thread.status === "agreed")
    return reject("thread/closed", "A deal in this thread already awaits confirmation.");
  const listing = state.listings.get(offer.listingId)!;
  if (listing.status !== "active") {
    return reject(
      "listing/not-active",
      `Listing "${listing.id}" is ${listing.status}; it can no longer be bought.`,
    );
  }
  const seller = state.participants.get(thread.seller)!;
  const buyer = state.participants.get(thread.buyer)!;
  const item = seller.participant.mandate.items.find((candidate) => candidate.id === listing.itemId)!;
  const want = buyer.participant.mandate.wants.find((candidate) => candidate.id === thread.wantId)!;
  const isSeller = actor === thread.seller;
  if (offer.price < item.reserve) {
    return isSeller
      ? reject(
          "offer/below-reserve",
          "That price is below the least your owner accepts for this item; counter higher.",
        )
      : reject("offer/not-open", "This offer can no longer be honoured; ask for a new one.");
  }
  if (offer.price > want.maxPrice || buyer.wantsTaken.has(want.id) || offer.price > available(buyer)) {
    if (!isSeller) {
      if (buyer.wantsTaken.has(want.id))
        return reject("want/fulfilled", "That want already has a deal; you cannot buy twice.");
      if (offer.price > want.maxPrice) {
        return reject(
          "offer/above-max-price",
          "That price is above the most your owner will pay for this; counter lower.",
        );
      }
      return reject(
        "budget/exceeded",
        "Your remaining budget cannot cover that price right now; counter lower.",
      );
    }
    // Said without numbers: the seller must not learn the buyer's limits.
    return reject(
      "budget/exceeded",
      "The buyer cannot commit to this offer at the moment; ask them for a new one.",
    );
  }
  const deal: Deal = {
    id: `D${state.counters.deal + 1}`,
    threadId: thread.id,
    listingId: listing.id,
    wantId: want.id,
    seller: thread.seller,
    buyer: thread.buyer,
    price: offer.price,
    offerId: offer.id,
    offerVersion: offer.version,
    acceptedBy: actor,
    acceptedAt: now,
    status: "accepted",
    handedOverBy: [],
  };
  return [{ type: "deal-accepted", deal }, ...threadMessage(state, thread.id, actor, action.text, now)];
}

/** The second step: the offer's maker confirms, and the sale settles atomically with a zero-sum ledger. */
export function confirmDeal(
  state: MarketState,
  self: ParticipantState,
  action: ActionOf<"confirm-deal">,
  now: number,
): Decision {
  const closed = requireOpen(state) ?? checkMessageLength(state, action.text);
  if (closed) return closed;
  const actor = self.participant.id;
  const deal = state.deals.get(action.dealId);
  if (!deal) return reject("deal/unknown", `There is no deal "${action.dealId}".`);
  if (deal.seller !== actor && deal.buyer !== actor)
    return reject("deal/not-party", "This deal is between other people.");
  if (deal.acceptedBy === actor) {
    return reject("deal/not-confirmer", "You accepted this deal; the other side confirms it. Wait for them.");
  }
  if (deal.status !== "accepted")
    return reject(
      "deal/wrong-state",
      `Deal "${deal.id}" is ${deal.status}; only an accepted deal can be confirmed.`,
    );
  const avoided = checkAvoided(state, actor, deal.seller, deal.buyer);
  if (avoided) return avoided;
  if (now >= confirmDeadline(state, deal)) {
    return reject(
      "deal/expired",
      `Deal "${deal.id}" was not confirmed within ${hours(acceptTimeoutOf(state.config))} of its acceptance and has expired.`,
    );
  }
  const events: EventBody[] = [
    {
      type: "deal-confirmed",
      dealId: deal.id,
      ledger: [
        { dealId: deal.id, account: deal.buyer, amount: -deal.price, at: now },
        { dealId: deal.id, account: deal.seller, amount: deal.price, at: now },
      ],
    },
    ...threadMessage(state, deal.threadId, actor, action.text, now),
  ];
  // The item is gone and the want is met: every other live negotiation over either ends now.
  const others = new Set([
    ...(state.threadsByListing.get(deal.listingId) ?? []),
    ...(state.threadsByWant.get(`${deal.buyer}|${deal.wantId}`) ?? []),
  ]);
  for (const threadId of others) {
    if (threadId === deal.threadId) continue;
    const thread = state.threads.get(threadId)!;
    if (FINAL_THREAD_STATES.has(thread.status)) continue;
    const pending = thread.dealId ? state.deals.get(thread.dealId) : undefined;
    if (pending && pending.status === "accepted") {
      events.push({
        type: "deal-cancelled",
        dealId: pending.id,
        reason: "The item or the want was settled in another deal.",
      });
    }
    events.push({ type: "thread-expired", threadId });
  }
  return events;
}

function hours(ms: number): string {
  const h = ms / 3_600_000;
  return h >= 1 ? `${Number(h.toFixed(2))} h` : `${Math.round(ms / 60_000)} min`;
}

/**
 * The market expires an accepted deal that was not confirmed in time (the scheduler does, at its
 * deadline): the deal is cancelled, its thread ends, the listing is free for other buyers and the
 * buyer's budget hold is released. So nobody can lock a listing by accepting and never confirming.
 */
export function expireDeal(state: MarketState, action: ActionOf<"expire-deal">, now: number): Decision {
  const deal = state.deals.get(action.dealId);
  if (!deal) return reject("deal/unknown", `There is no deal "${action.dealId}".`);
  if (deal.status !== "accepted") {
    return reject("deal/wrong-state", `Deal "${deal.id}" is ${deal.status}; only an accepted deal expires.`);
  }
  if (now < confirmDeadline(state, deal)) {
    return reject("deal/wrong-state", `Deal "${deal.id}" may still be confirmed; it expires later.`);
  }
  return [
    {
      type: "deal-cancelled",
      dealId: deal.id,
      reason: `expired: not confirmed within ${hours(acceptTimeoutOf(state.config))} of its acceptance`,
    },
    { type: "thread-expired", threadId: deal.threadId },
  ];
}

export function markHandedOver(
  state: MarketState,
  self: ParticipantState,
  action: ActionOf<"mark-handed-over">,
): Decision {
  const actor = self.participant.id;
  const deal = state.deals.get(action.dealId);
  if (!deal) return reject("deal/unknown", `There is no deal "${action.dealId}".`);
  if (deal.seller !== actor && deal.buyer !== actor)
    return reject("deal/not-party", "This deal is between other people.");
  if (deal.status !== "confirmed") {
    return reject(
      "deal/wrong-state",
      `Deal "${deal.id}" is ${deal.status}; only a confirmed deal can be handed over.`,
    );
  }
  if (deal.handedOverBy.includes(actor))
    return reject("deal/wrong-state", "You already marked this hand-over done.");
  return [{ type: "deal-handed-over", dealId: deal.id, by: actor }];
}
