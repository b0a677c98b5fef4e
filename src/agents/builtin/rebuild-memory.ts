import { hashString } from "../../domain/random.ts";
import { type Message, offersMadeBy } from "../../domain/thread.ts";
import type { AgentView, ThreadView } from "../../engine/view.ts";
import { type EngineAgentMemory, emptyMemory, emptyThreadMemory, type ThreadMemory } from "./agent-memory.ts";
import { DEFAULT_OFFER_CAP } from "./negotiator.ts";

export interface RebuildOptions {
  /** Most offers one side may make in a thread (the market's cap). */
  offerCap?: number;
}

/**
 * The index in a thread's messages after which a message comes later than `actor`'s act at `at`: the
 * message the act wrote (the last one from `actor` at that time), or, for an act without words, the
 * last message before that time. So a message of ours at the very same millisecond as a wordless act
 * of theirs counts as after it.
 */
function placeOf(messages: readonly Message[], actor: string, at: number): number {
  let place = -1;
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i]!;
    if (message.at > at) break;
    if (message.at < at || message.from === actor) place = i;
  }
  return place;
}

function threadMemoryFromView(me: string, thread: ThreadView, cap: number): ThreadMemory {
  const memo = emptyThreadMemory();
  const { messages, deal } = thread;
  // Our answers in the negotiation: every message of ours (each of our acts there writes one) but the
  // one that opened the thread, up to the acceptance of a deal. A confirmation or a thank-you after it
  // answers nothing the negotiation asked.
  const from = thread.thread.openedBy === me && messages[0]?.from === me ? 1 : 0;
  const to = deal ? placeOf(messages, deal.acceptedBy, deal.acceptedAt) : messages.length - 1;
  let lastAnswer = -1;
  for (let i = from; i <= to; i++) if (messages[i]!.from === me) lastAnswer = i;
  if (lastAnswer >= 0) {
    // Each answer took in the other side's latest offer and message as they stood then.
    const answeredMessage = messages.slice(0, lastAnswer).findLast((message) => message.from !== me);
    if (answeredMessage) memo.answeredMessage = answeredMessage.id;
    const answeredOffer = thread.offers.findLast(
      (offer) => offer.from !== me && placeOf(messages, offer.from, offer.madeAt) < lastAnswer,
    );
    memo.answeredOffer = answeredOffer ? `${answeredOffer.id}#${answeredOffer.version}` : "none";
  }
  if (deal && (deal.status === "confirmed" || deal.status === "handed-over")) {
    // Only the side that did not accept confirms; the side that accepted thanks after it.
    if (deal.acceptedBy !== me) memo.answeredOffer = `deal:${deal.id}`;
    else if (deal.confirmedAt !== undefined) {
      const confirmed = placeOf(messages, thread.counterpart.id, deal.confirmedAt);
      memo.thanked = messages.slice(confirmed + 1).some((message) => message.from === me);
    }
  }
  memo.capped = offersMadeBy(thread.thread, me) >= cap;
  return memo;
}

/**
 * The built-in agent's memory as the market shows it, for an agent restored when a market resumes
 * from its log: for each live thread, the other side's latest offer (id#version) and message it had
 * answered when it last acted there, whether it thanked after its deal, and whether its offers are
 * spent. Pure. What the view cannot show starts afresh: retries after refusals, the readings of
 * messages (read again on demand), and when to look for want ads again.
 *
 * It matches a live agent's memory in everything the agent reads from it (rebuild-memory.test.ts
 * checks it at every person's look every 6 market hours of two 24-person markets), except where the
 * live agent noted something without a word in the thread:
 * - An action the market refused: the log holds the refusal but the view does not, so a restored
 *   agent tries once more where the live one had given up (a weak buyer's accept beyond the budget
 *   it had left, an offer for a want met elsewhere); the market refuses it again, and then it holds
 *   as the live one did. A weak agent answers one thread per look, so that retry delays its answer
 *   elsewhere by one look. Restored at 12 hours, the 24-person test market's log, words aside,
 *   stayed as it was up to the first such retry, and closed as many deals (48).
 * - A message that called for no answer (no price, no question): the live agent noted it as read,
 *   a restored one reads it again and again says nothing. Not seen between built-in agents.
 * - When to look for want ads again (noAdUntil): a restored seller may answer one up to three
 *   hours sooner.
 */
export function memoryFromView(view: AgentView, options: RebuildOptions = {}): EngineAgentMemory {
  const cap = options.offerCap ?? DEFAULT_OFFER_CAP;
  const memory = emptyMemory();
  for (const thread of view.threads) {
    const { status, id } = thread.thread;
    // Over without a deal: a live agent drops its memory of such a thread.
    if (status === "declined" || status === "expired") continue;
    memory.threads.set(id, threadMemoryFromView(view.me.id, thread, cap));
  }
  return memory;
}

/**
 * The phraser's seed for a restored agent: its own seed mixed with the time it is restored, so it
 * does not start the words of every thread again from the first ones of the market.
 */
export function restoredPhraserSeed(seed: number, view: Pick<AgentView, "now">): number {
  return hashString(`restored@${view.now}`, seed >>> 0);
}
