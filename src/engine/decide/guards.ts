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
