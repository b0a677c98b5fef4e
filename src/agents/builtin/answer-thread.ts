import type { AgentAction } from "../../engine/action.ts";
import type { AgentView, ThreadView } from "../../engine/view.ts";
import { readingOf, threadMemory } from "./agent-memory.ts";
import { guardedPhrase } from "./guarded-phrase.ts";
import type { MoveKind } from "./language/move.ts";
import type { Negotiator } from "./negotiator.ts";
import { type Decision, nextMove } from "./strategy/next-move.ts";
import { situationFor } from "./thread-situation.ts";
import { limitFor, moveFor, secretsOf, withinReach } from "./view-facts.ts";

/** The strategy's decision as typed actions, in the agent's words. */
function toActions(
  agent: Negotiator,
  view: AgentView,
  thread: ThreadView,
  decision: Decision,
): AgentAction[] {
  const secrets = secretsOf(view);
  const threadId = thread.thread.id;
  const price = decision.action === "walk-away" ? undefined : decision.price;
  const text = guardedPhrase(
    agent.phraser,
    moveFor(view, thread, decision.kind, price, decision.leverage),
    secrets,
  );
  if (decision.action === "walk-away") return [{ type: "decline-thread", threadId, text }];
  if (decision.action === "accept") {
    const open = thread.offers.find((offer) => offer.from !== view.me.id && offer.status === "open")!;
    return [{ type: "accept-offer", offerId: open.id, version: open.version, text }];
  }
  return [{ type: "make-offer", threadId, price: decision.price, text }];
}

/**
 * The agent's answer in one thread, if it owes one: a thank-you or a confirmation once a deal is
 * struck, a goodbye when the listing is gone, else the strategy's next move on what is new since it
 * last answered (an offer, a price in words, a question). Empty when nothing new calls for a word.
 */
export function answerThread(agent: Negotiator, view: AgentView, thread: ThreadView): AgentAction[] {
  const me = view.me.id;
  const { status, id: threadId } = thread.thread;
  if (status === "declined" || status === "expired") {
    // Over without a deal: nothing more is said there, so its bookkeeping goes (a long market holds many).
    agent.memory.threads.delete(threadId);
    agent.phraser.forget?.(thread.counterpart.name, thread.listing.title);
    return [];
  }
  const memo = threadMemory(agent.memory, threadId);
  const secrets = secretsOf(view);
  const say = (kind: MoveKind, price: number | undefined) =>
    guardedPhrase(agent.phraser, moveFor(view, thread, kind, price, []), secrets);
  const deal = thread.deal;

  if (status === "confirmed" || status === "handed-over") {
    // The messages of a settled deal are never read again.
    memo.readings.clear();
    if (deal && deal.acceptedBy === me && !memo.thanked) {
      memo.thanked = true;
      return [{ type: "send-message", where: threadId, text: say("thanks", deal.price) }];
    }
    return [];
  }
  if (status === "agreed") {
    if (
      deal &&
      deal.status === "accepted" &&
      deal.acceptedBy !== me &&
      memo.answeredOffer !== `deal:${deal.id}`
    ) {
      memo.answeredOffer = `deal:${deal.id}`;
      return [{ type: "confirm-deal", dealId: deal.id, text: say("confirm", deal.price) }];
    }
    return [];
  }

  // The listing went elsewhere or was withdrawn: say goodbye. (Once a deal settles, the market
  // itself expires the other threads on its listing and want.)
  if (thread.listing.status === "sold" || thread.listing.status === "withdrawn") {
    return [{ type: "decline-thread", threadId, text: say("walk-away", undefined) }];
  }
  // A deal elsewhere holds the listing or this want: wait for it to settle or fall through.
  const held = view.deals.some(
    (other) =>
      other.threadId !== threadId &&
      other.status === "accepted" &&
      (thread.role === "buyer"
        ? other.wantId === thread.thread.wantId
        : other.listingId === thread.listing.id),
  );
  if (held || thread.listing.status === "pending") return [];

  const limit = limitFor(view, thread);
  if (limit === undefined || limit <= 0) return [];
  // A seller's pitch for something far above what we would pay: the same filter as our own search.
  if (
    thread.role === "buyer" &&
    thread.thread.openedBy !== view.me.id &&
    thread.offers.every((offer) => offer.from !== view.me.id) &&
    !withinReach(thread.listing, limit)
  ) {
    return [{ type: "decline-thread", threadId, text: say("walk-away", undefined) }];
  }
  const theirs = thread.offers.filter((offer) => offer.from !== me);
  const latestOffer = theirs.at(-1);
  const offerKey = latestOffer ? `${latestOffer.id}#${latestOffer.version}` : undefined;
  const theirMessages = thread.messages.filter((message) => message.from !== me);
  const latestMessage = theirMessages.at(-1);
  const newOffer = offerKey !== undefined && offerKey !== memo.answeredOffer;
  const newMessage = latestMessage !== undefined && latestMessage.id !== memo.answeredMessage;
  const mine = thread.offers.filter((offer) => offer.from === me);
  const firstWord = mine.length === 0 && thread.role === "seller" && memo.answeredOffer === undefined;
  if (!newOffer && !newMessage && !firstWord) return [];
  memo.answeredOffer = offerKey ?? "none";
  if (latestMessage) memo.answeredMessage = latestMessage.id;

  // Words without a new typed offer: a price named in text, a question, or a no.
  let wordPrice: number | undefined;
  if (newMessage && !newOffer && latestMessage) {
    const reading = readingOf(memo, agent.words, latestMessage, {
      ...(mine.at(-1) ? { lastPrice: mine.at(-1)!.price } : {}),
      ...(latestOffer ? { counterpartLastPrice: latestOffer.price } : {}),
    });
    if (reading.price !== undefined && reading.price !== latestOffer?.price) wordPrice = reading.price;
    else if (reading.isQuestion && mine.length > 0) {
      return [{ type: "send-message", where: threadId, text: say("answer", mine.at(-1)!.price) }];
    } else if (mine.length > 0 && !firstWord) {
      return [];
    }
  }
  const situation = situationFor(
    agent,
    view,
    thread,
    limit,
    wordPrice !== undefined ? { theirWordPrice: wordPrice } : {},
  );
  return toActions(agent, view, thread, nextMove(situation));
}
