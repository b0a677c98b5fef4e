import { createRng, hashString } from "../../domain/random.ts";
import { offersMadeBy } from "../../domain/thread.ts";
import type { AgentView, ThreadView } from "../../engine/view.ts";
import { readingOf, threadMemory } from "./agent-memory.ts";
import type { Negotiator } from "./negotiator.ts";
import type { Situation } from "./strategy/next-move.ts";
import { leverageFactsOf, secretsOf } from "./view-facts.ts";

/**
 * A draw in [0, 1) for one negotiation, from the agent's own seed and the thread: the same on every
 * look (and after a resume), different from thread to thread, and unknown to the counterpart.
 */
export function negotiationNoise(agent: Pick<Negotiator, "seed">, threadId: string): number {
  return createRng(hashString(`hold-back:${threadId}`, (agent.seed ?? 0) >>> 0)).next();
}

/** A thread as the strategy sees it: the prices so far, what their words said, our limit and the cap. */
export function situationFor(
  agent: Negotiator,
  view: AgentView,
  thread: ThreadView,
  limit: number,
  extra: Partial<Situation>,
): Situation {
  const me = view.me.id;
  const mine = thread.offers.filter((offer) => offer.from === me);
  const theirs = thread.offers.filter((offer) => offer.from !== me);
  const open = theirs.find((offer) => offer.status === "open");
  const memo = threadMemory(agent.memory, thread.thread.id);
  let urgent = false;
  let statedBound: number | undefined;
  for (const message of thread.messages) {
    if (message.from === me) continue;
    const reading = readingOf(memo, agent.words, message, {});
    urgent ||= reading.urgent;
    if (reading.bound !== undefined) statedBound = reading.bound;
  }
  const facts = leverageFactsOf(view, thread, thread.listing, urgent);
  return {
    role: thread.role,
    tier: agent.tier,
    limit,
    askingPrice: thread.listing.askingPrice,
    myPrices: mine.map((offer) => offer.price),
    theirPrices: theirs.map((offer) => offer.price),
    ...(open ? { theirOpenOffer: open.price } : {}),
    ...(statedBound !== undefined ? { theirStatedBound: statedBound } : {}),
    myOfferCount: memo.capped ? agent.cap : offersMadeBy(thread.thread, me),
    cap: agent.cap,
    facts,
    secrets: secretsOf(view),
    noise: negotiationNoise(agent, thread.thread.id),
    ...extra,
  };
}
