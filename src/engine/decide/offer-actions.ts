import type { Offer } from "../../domain/offer.ts";
import { offersMadeBy } from "../../domain/thread.ts";
import type { ActionOf } from "../action.ts";
import type { EventBody } from "../event.ts";
import { reject } from "../rejection.ts";
import type { MarketState, ParticipantState } from "../state.ts";
import type { Decision } from "./decision.ts";
import {
  available,
  checkMessageLength,
  checkTurns,
  findLiveThread,
  missingOffer,
  requireOpen,
} from "./guards.ts";
import { openThreadFor, threadMessage } from "./thread-actions.ts";

/**
 * A new offer, or a revision of the actor's open offer in the thread (same id, next version). Either
 * way the other side's open offer there is countered. The seller never offers below the reserve; the
 * buyer never above the want's max price or the budget left.
 */
export function makeOffer(
  state: MarketState,
  self: ParticipantState,
  action: ActionOf<"make-offer">,
  now: number,
): Decision {
  const closed = requireOpen(state) ?? checkMessageLength(state, action.text);
  if (closed) return closed;
  if (action.price <= 0) return reject("action/invalid", "An offer's price must be more than zero.");
  if (action.expiresAt !== undefined && action.expiresAt <= now) {
    return reject(
      "action/invalid",
      "expiresAt must be later than now; leave it out for an offer that stands.",
    );
  }
  const actor = self.participant.id;
  const events: EventBody[] = [];
  let threadId = action.threadId;
  if (!threadId) {
    if (!action.listingId)
      return reject("action/invalid", "Name the thread (threadId) or the listing (listingId and wantId).");
    const opening = openThreadFor(state, self, action.listingId, action.wantId, undefined);
    if ("code" in opening) return opening;
    threadId = opening.threadId;
    events.push(...opening.events);
  }
  const thread = state.threads.get(threadId);
  if (!thread && events.length === 0) return reject("thread/unknown", `There is no thread "${threadId}".`);
  if (thread) {
    const found = findLiveThread(state, actor, threadId);
    if ("code" in found) return found;
    if (thread.status === "agreed") {
      return reject(
        "thread/closed",
        "A deal in this thread awaits confirmation; confirm it or decline the thread.",
      );
    }
  }
  const listingId = thread?.listingId ?? action.listingId!;
  const listing = state.listings.get(listingId)!;
  if (listing.status !== "active") {
    return reject(
      "listing/not-active",
      `Listing "${listing.id}" is ${listing.status}; it cannot take offers.`,
    );
  }
  const isSeller = listing.seller === actor;
  const sentSoFar = thread ? offersMadeBy(thread, actor) : 0;
  const cap = state.config.caps.maxOffersPerCounterpart;
  if (sentSoFar >= cap) {
    return reject(
      "cap/offers",
      `You have made the most offers allowed in one thread (${cap}); accept theirs or walk away.`,
    );
  }
  if (thread) {
    const capped = checkTurns(state, thread, action.text ? 2 : 1);
    if (capped) return capped;
  }
  if (isSeller) {
    const item = self.participant.mandate.items.find((candidate) => candidate.id === listing.itemId)!;
    if (action.price < item.reserve) {
      return reject(
        "offer/below-reserve",
        "That price is below the least your owner accepts for this item; offer more.",
      );
    }
  } else {
    const wantId = thread?.wantId ?? action.wantId!;
    const want = self.participant.mandate.wants.find((candidate) => candidate.id === wantId)!;
    if (self.wantsTaken.has(wantId))
      return reject("want/fulfilled", "That want already has a deal; you cannot buy twice.");
    if (action.price > want.maxPrice) {
      return reject(
        "offer/above-max-price",
        "That price is above the most your owner will pay for this; offer less.",
      );
    }
    if (action.price > available(self)) {
      return reject(
        "budget/exceeded",
        "Your remaining budget cannot cover that price; offer less or free budget first.",
      );
    }
  }
  const counterpart = isSeller ? (thread?.buyer ?? "") : listing.seller;
  const previous = thread?.offerIds
    .map((id) => state.offers.get(id)!)
    .find((offer) => offer.from === actor && offer.status === "open");
  const offer: Offer = {
    id: previous?.id ?? `O${state.counters.offer + 1}`,
    version: previous ? previous.version + 1 : 1,
    threadId,
    listingId,
    from: actor,
    to: counterpart,
    price: action.price,
    ...(action.expiresAt !== undefined ? { expiresAt: action.expiresAt } : {}),
    status: "open",
    madeAt: now,
  };
  events.push({ type: "offer-made", offer });
  events.push(...threadMessage(state, threadId, actor, action.text, now));
  return events;
}

export function withdrawOffer(
  state: MarketState,
  self: ParticipantState,
  action: ActionOf<"withdraw-offer">,
): Decision {
  const offer = state.offers.get(action.offerId);
  if (!offer) return missingOffer(state, action.offerId);
  if (offer.from !== self.participant.id)
    return reject("offer/not-maker", "Only the person who made an offer can withdraw it.");
  if (offer.status !== "open")
    return reject("offer/not-open", `Offer "${offer.id}" is ${offer.status}; nothing to withdraw.`);
  return [{ type: "offer-withdrawn", offerId: offer.id }];
}
