import type { ActionOf } from "../action.ts";
import type { EventBody } from "../event.ts";
import { type Rejection, reject } from "../rejection.ts";
import type { MarketState, ParticipantState } from "../state.ts";
import type { Decision } from "./decision.ts";
import { checkAvoided, checkMessageLength, checkTurns, findLiveThread, requireOpen } from "./guards.ts";

export interface ThreadOpening {
  threadId: string;
  /** Empty when the thread already exists. */
  events: EventBody[];
}

/**
 * Resolves the thread a buyer's first move targets, opening it if needed. One thread per listing and
 * buyer, ever: walking away is final for that pair.
 */
export function openThreadFor(
  state: MarketState,
  self: ParticipantState,
  listingId: string,
  wantId: string | undefined,
  wantAdId: string | undefined,
): ThreadOpening | Rejection {
  const actor = self.participant.id;
  const listing = state.listings.get(listingId);
  if (!listing) return reject("listing/unknown", `There is no listing "${listingId}".`);
  if (listing.status !== "active") {
    return reject("listing/not-active", `Listing "${listingId}" is ${listing.status}; look for another one.`);
  }
  let buyer: string;
  let want: string;
  if (listing.seller === actor) {
    if (!wantAdId)
      return reject(
        "listing/own",
        "That is your own listing; to reach a buyer, name their want ad (wantAdId).",
      );
    const ad = state.wantAds.get(wantAdId);
    if (!ad) return reject("want-ad/unknown", `There is no want ad "${wantAdId}".`);
    if (ad.status !== "active") return reject("want/fulfilled", `Want ad "${wantAdId}" is ${ad.status}.`);
    if (ad.buyer === actor) return reject("listing/own", "You cannot sell to yourself.");
    buyer = ad.buyer;
    want = ad.wantId;
  } else {
    if (!wantId) return reject("action/invalid", "Name the want this purchase serves (wantId).");
    if (!self.participant.mandate.wants.some((candidate) => candidate.id === wantId)) {
      return reject("want/unknown", `You have no want "${wantId}"; name one of your own wants.`);
    }
    if (self.wantsTaken.has(wantId)) return reject("want/fulfilled", "That want already has a deal.");
    buyer = actor;
    want = wantId;
  }
  const avoided = checkAvoided(state, actor, listing.seller, buyer);
  if (avoided) return avoided;
  const existing = state.threadByPair.get(`${listingId}|${buyer}`);
  if (existing) {
    const thread = state.threads.get(existing)!;
    if (thread.wantId !== want) {
      return reject("thread/want-mismatch", `Thread "${existing}" for this listing serves another want.`);
    }
    return { threadId: existing, events: [] };
  }
  const threadId = `T${state.counters.thread + 1}`;
  return {
    threadId,
    events: [
      {
        type: "thread-opened",
        thread: { id: threadId, listingId, seller: listing.seller, buyer, wantId: want, openedBy: actor },
      },
    ],
  };
}

export function openThread(
  state: MarketState,
  self: ParticipantState,
  action: ActionOf<"open-thread">,
  now: number,
): Decision {
  const closed = requireOpen(state) ?? checkMessageLength(state, action.text);
  if (closed) return closed;
  const opening = openThreadFor(state, self, action.listingId, action.wantId, action.wantAdId);
  if ("code" in opening) return opening;
  if (opening.events.length === 0) {
    return reject(
      "thread/exists",
      `You already have thread "${opening.threadId}" for this listing; continue there.`,
    );
  }
  return [
    ...opening.events,
    ...threadMessage(state, opening.threadId, self.participant.id, action.text, now),
  ];
}

export function threadMessage(
  state: MarketState,
  threadId: string,
  from: string,
  text: string | undefined,
  now: number,
  offset = 0,
): EventBody[] {
  if (!text) return [];
  const id = `M${state.counters.message + 1 + offset}`;
  return [{ type: "message-posted", message: { id, where: threadId, from, text, at: now } }];
}

export function sendMessage(
  state: MarketState,
  self: ParticipantState,
  action: ActionOf<"send-message">,
  now: number,
): Decision {
  const tooLong = checkMessageLength(state, action.text);
  if (tooLong) return tooLong;
  if (action.text.trim() === "") return reject("action/invalid", "The message is empty; write something.");
  const actor = self.participant.id;
  if (action.where === "channel") {
    const closed = requireOpen(state);
    if (closed) return closed;
    const id = `M${state.counters.message + 1}`;
    return [
      { type: "message-posted", message: { id, where: "channel", from: actor, text: action.text, at: now } },
    ];
  }
  const thread = state.threads.get(action.where);
  if (!thread)
    return reject(
      "thread/unknown",
      `There is no thread "${action.where}"; use "channel" or one of your thread ids.`,
    );
  if (thread.seller !== actor && thread.buyer !== actor) {
    return reject("thread/not-party", `Thread "${thread.id}" is between other people.`);
  }
  // After a sale, the two sides may still talk about the hand-over, even once the market has closed.
  const settled = thread.status === "confirmed" || thread.status === "handed-over";
  if (!settled) {
    const closed = requireOpen(state);
    if (closed) return closed;
    const live = findLiveThread(state, actor, thread.id);
    if ("code" in live) return live;
  }
  const capped = checkTurns(state, thread, 1);
  if (capped) return capped;
  return threadMessage(state, thread.id, actor, action.text, now);
}

export function declineThread(
  state: MarketState,
  self: ParticipantState,
  action: ActionOf<"decline-thread">,
  now: number,
): Decision {
  const found = findLiveThread(state, self.participant.id, action.threadId);
  if ("code" in found) return found;
  const tooLong = checkMessageLength(state, action.text);
  if (tooLong) return tooLong;
  const { thread } = found;
  const events: EventBody[] = threadMessage(state, thread.id, self.participant.id, action.text, now);
  const deal = thread.dealId ? state.deals.get(thread.dealId) : undefined;
  if (deal && deal.status === "accepted") {
    events.push({
      type: "deal-cancelled",
      dealId: deal.id,
      reason: `${self.participant.id} walked away before confirming.`,
    });
  }
  events.push({ type: "thread-declined", threadId: thread.id, by: self.participant.id });
  return events;
}
