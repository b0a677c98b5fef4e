import type { AgentAction } from "../../engine/action.ts";
import { FINAL_THREAD_STATES } from "../../engine/index.ts";
import type { AgentView } from "../../engine/view.ts";
import { guardedPhrase } from "./guarded-phrase.ts";
import type { Move } from "./language/move.ts";
import type { Negotiator } from "./negotiator.ts";
import { avoidsId, itemFactsOf, listingServesWant, secretsOf } from "./view-facts.ts";

const HOUR = 3600 * 1000;

/**
 * When no want ad could be answered for a listing, its seller looks again this much later rather than
 * at every visit: in a large market that search is the costliest part of a seller's visit.
 */
export const LOOK_FOR_ADS_AGAIN_MS = 3 * HOUR;

/**
 * A seller whose listing has waited the tier's time for buyers, and nobody is negotiating for it
 * now, answers a matching want ad of someone it has not talked to about it: up to the tier's number
 * of pitches per listing, at most two per visit, so sellers reach buyers without flooding them.
 * A listing with no want ad to answer is looked at again some hours later.
 */
export function answerWantAds(agent: Negotiator, view: AgentView): AgentAction[] {
  const { tier } = agent;
  const { noAdUntil } = agent.memory;
  const actions: AgentAction[] = [];
  const secrets = secretsOf(view);
  const sellerThreads = view.threads.filter((thread) => thread.role === "seller");
  const pitches = new Map<string, number>();
  const blocked = new Set<string>();
  for (const thread of sellerThreads) {
    const listingId = thread.listing.id;
    if (thread.thread.openedBy === view.me.id) pitches.set(listingId, (pitches.get(listingId) ?? 0) + 1);
    if (!FINAL_THREAD_STATES.has(thread.thread.status)) blocked.add(listingId);
  }
  const talked = new Set(sellerThreads.map((thread) => `${thread.listing.id}|${thread.counterpart.id}`));
  for (const listing of view.myListings) {
    if (actions.length >= 2) break;
    if (
      listing.status !== "active" ||
      blocked.has(listing.id) ||
      (pitches.get(listing.id) ?? 0) >= tier.pitchesPerListing ||
      view.now - listing.postedAt < tier.pitchAfterHours * HOUR
    ) {
      continue;
    }
    if (view.now < (noAdUntil.get(listing.id) ?? 0)) continue;
    const ad = view.matchingWantAds.find(
      (candidate) =>
        !talked.has(`${listing.id}|${candidate.buyer}`) &&
        !agent.memory.notAllowed.has(`${listing.id}|${candidate.id}`) &&
        !avoidsId(view, candidate.buyer) &&
        listingServesWant(candidate, listing),
    );
    if (!ad) {
      noAdUntil.set(listing.id, view.now + LOOK_FOR_ADS_AGAIN_MS);
      continue;
    }
    blocked.add(listing.id);
    const move: Move = {
      kind: "greet",
      role: "seller",
      price: listing.askingPrice,
      item: itemFactsOf(listing),
      counterpartName: "",
      myName: view.me.name,
      round: 0,
      leverage: [],
      currency: view.market.currency,
    };
    actions.push({
      type: "open-thread",
      listingId: listing.id,
      wantAdId: ad.id,
      text: guardedPhrase(agent.phraser, move, secrets),
    });
  }
  return actions;
}
