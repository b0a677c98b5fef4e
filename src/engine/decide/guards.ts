import type { Thread } from "../../domain/thread.ts";
import { FINAL_THREAD_STATES } from "../evolve.ts";
import { type Rejection, reject } from "../rejection.ts";
import type { MarketState, ParticipantState } from "../state.ts";

export function requireOpen(state: MarketState): Rejection | undefined {
  if (state.status === "setup")
    return reject("market/not-open", "The market has not opened yet; wait for it to open.");
  if (state.status === "closed")
    return reject("market/closed", "The market is closed; no new posts, offers or deals.");
  return undefined;
}

export function checkMessageLength(state: MarketState, text: string | undefined): Rejection | undefined {
  const max = state.config.caps.maxMessageLength;
  if (text !== undefined && text.length > max) {
    return reject(
      "cap/message-length",
      `Messages are limited to ${max} characters; shorten it (${text.length} now).`,
    );
  }
  return undefined;
}

export function checkTurns(state: MarketState, thread: Thread, adding: number): Rejection | undefined {
  const max = state.config.caps.maxTurnsPerThread;
  if (thread.turns + adding > max) {
    return reject(
      "cap/turns",
      `This thread reached its limit of ${max} messages and offers; accept, decline or let it expire.`,
    );
  }
  return undefined;
}

export function findLiveThread(
  state: MarketState,
  actor: string,
  threadId: string,
): { thread: Thread } | Rejection {
  const thread = state.threads.get(threadId);
  if (!thread) return reject("thread/unknown", `There is no thread "${threadId}".`);
  if (thread.seller !== actor && thread.buyer !== actor) {
    return reject(
      "thread/not-party",
      `Thread "${threadId}" is between other people; you can only act in your own threads.`,
    );
  }
  if (FINAL_THREAD_STATES.has(thread.status)) {
    return reject(
      "thread/closed",
      `Thread "${threadId}" is ${thread.status}; start a new negotiation instead.`,
    );
  }
  return { thread };
}

/** Budget the buyer can still commit: the budget less settled spending and holds for accepted deals. */
export function available(self: ParticipantState): number {
  return self.participant.mandate.budget - self.spent - self.held;
}

/**
 * The refusal for an offer id the state does not hold: one it never made, or one whose thread ended
 * without a deal and was dropped with its transcript (see `MarketState.transcripts`).
 */
export function missingOffer(state: MarketState, offerId: string): Rejection {
  const made = /^O(\d+)$/.exec(offerId);
  if (state.transcripts === "live" && made && Number(made[1]) <= state.counters.offer) {
    return reject("offer/not-open", `Offer "${offerId}" is no longer open: its negotiation has ended.`);
  }
  return reject("offer/unknown", `There is no offer "${offerId}".`);
}

/** Whether an owner's wishes name this participant as someone not to trade with (by id, name or a word of it). */
export function avoids(owner: ParticipantState, other: ParticipantState): boolean {
  const avoid = owner.participant.mandate.wishes?.avoid ?? [];
  if (avoid.length === 0) return false;
  const name = other.participant.name.toLowerCase().trim();
  const words = name.split(/[^\p{L}\p{N}'-]+/u).filter((word) => word.length > 0);
  return avoid.some((entry) => {
    if (entry.id !== undefined && entry.id === other.participant.id) return true;
    if (entry.name === undefined) return false;
    const wanted = entry.name.toLowerCase().trim();
    return wanted === name || words.includes(wanted);
  });
}

/**
 * Refuses a trade between a seller and a buyer when either owner asked not to trade with the other.
 * The owner's agent is told why; the counterpart's gets a refusal that names no wish of the owner.
 */
export function checkAvoided(
  state: MarketState,
  actor: string,
  sellerId: string,
  buyerId: string,
): Rejection | undefined {
  const seller = state.participants.get(sellerId);
  const buyer = state.participants.get(buyerId);
  if (!seller || !buyer) return undefined;
  const sellerAvoids = avoids(seller, buyer);
  const buyerAvoids = avoids(buyer, seller);
  if (!sellerAvoids && !buyerAvoids) return undefined;
  const actorAvoids = actor === sellerId ? sellerAvoids : buyerAvoids;
  if (actorAvoids) {
    const other = actor === sellerId ? buyer : seller;
    return reject(
      "trade/not-allowed",
      `Your owner asked you not to trade with ${other.participant.name}; look for another counterpart.`,
    );
  }
  return reject("trade/not-allowed", "This trade is not available to you; look for another counterpart.");
}
