import type { AgentAction } from "../../engine/action.ts";
import { FINAL_THREAD_STATES } from "../../engine/index.ts";
import type { AgentView } from "../../engine/view.ts";
import { guardedPhrase } from "./guarded-phrase.ts";
import type { Move } from "./language/move.ts";
import type { Negotiator } from "./negotiator.ts";
import { nextMove } from "./strategy/next-move.ts";
import {
  avoidsId,
  itemFactsOf,
  leverageFactsOf,
  listingServesWant,
  secretsOf,
  withinReach,
} from "./view-facts.ts";

const TAKEN_DEAL_STATES = new Set(["accepted", "confirmed", "handed-over"]);

/** Most sellers a buyer negotiates with, over the whole market, for one want. */
const MAX_SELLERS_PER_WANT = 5;

/**
 * A buyer's opening offers: for each want without a deal, on the cheapest matching listings within
 * reach that it has not talked about yet, up to the tier's parallel talks per want.
 */
export function openNegotiations(agent: Negotiator, view: AgentView): AgentAction[] {
  const { tier, cap } = agent;
  const actions: AgentAction[] = [];
  const secrets = secretsOf(view);
  const threadedListings = new Set(view.threads.map((thread) => thread.listing.id));
  for (const want of view.me.mandate.wants) {
    const taken = view.deals.some((deal) => deal.wantId === want.id && TAKEN_DEAL_STATES.has(deal.status));
    if (taken) continue;
    const forWant = view.threads.filter(
      (thread) => thread.role === "buyer" && thread.thread.wantId === want.id,
    );
    // A person tries a handful of sellers for one thing, not every seller in a large market.
    if (forWant.length >= MAX_SELLERS_PER_WANT) continue;
    const active = forWant.filter((thread) => !FINAL_THREAD_STATES.has(thread.thread.status)).length;
    const limit = Math.min(want.maxPrice, view.me.available);
    if (limit <= 0) continue;
    const candidates = view.matchingListings
      .filter(
        (listing) =>
          !threadedListings.has(listing.id) &&
          !agent.memory.notAllowed.has(`listing:${listing.id}`) &&
          !avoidsId(view, listing.seller) &&
          withinReach(listing, limit) &&
          listingServesWant(want, listing),
      )
      .sort((a, b) => a.askingPrice - b.askingPrice || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const room = Math.min(tier.parallelThreads - active, MAX_SELLERS_PER_WANT - forWant.length);
    for (const listing of candidates.slice(0, Math.max(0, room))) {
      threadedListings.add(listing.id);
      const facts = leverageFactsOf(view, undefined, listing, false);
      const decision = nextMove({
        role: "buyer",
        tier,
        limit,
        askingPrice: listing.askingPrice,
        myPrices: [],
        theirPrices: [],
        myOfferCount: 0,
        cap,
        facts,
        secrets,
      });
      if (decision.action !== "offer") continue;
      const move: Move = {
        kind: "greet",
        role: "buyer",
        price: decision.price,
        item: itemFactsOf(listing),
        counterpartName: "",
        myName: view.me.name,
        round: 0,
        leverage: decision.leverage,
        currency: view.market.currency,
      };
      actions.push({
        type: "make-offer",
        listingId: listing.id,
        wantId: want.id,
        price: decision.price,
        text: guardedPhrase(agent.phraser, move, secrets),
      });
    }
  }
  return actions;
}
