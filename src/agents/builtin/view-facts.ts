import type { Listing } from "../../domain/listing.ts";
import type { Want } from "../../domain/mandate.ts";
import { FINAL_THREAD_STATES } from "../../engine/index.ts";
import { listingKeywords, wantKeywords } from "../../engine/match-index.ts";
import type { AgentView, ThreadView } from "../../engine/view.ts";
import type { ItemFacts, Move, MoveKind } from "./language/move.ts";
import type { LeverageFacts } from "./strategy/leverage.ts";
import type { TierParams } from "./strategy/tiers.ts";
import type { Phraser } from "./words.ts";

/**
 * Pure readings of an agent's view that the engine agent needs: its secret numbers, its limit in a
 * thread, the public facts of an item, and the move handed to the language part.
 */

/** The owner's numbers no message may show: every reserve, max price, the budget and what is left of it. */
export function secretsOf(view: AgentView): number[] {
  const { mandate } = view.me;
  return [
    ...mandate.items.map((item) => item.reserve),
    ...mandate.wants.map((want) => want.maxPrice),
    mandate.budget,
    view.me.available,
  ];
}

/** Our limit in a thread: the item's reserve, or the want's max price within the budget left. */
export function limitFor(view: AgentView, thread: ThreadView): number | undefined {
  if (thread.role === "seller") {
    return view.me.mandate.items.find((item) => item.id === thread.listing.itemId)?.reserve;
  }
  const want = view.me.mandate.wants.find((candidate) => candidate.id === thread.thread.wantId);
  return want ? Math.min(want.maxPrice, view.me.available) : undefined;
}

/** The public facts of a listed item, plus its retail price when it is our own item. */
export function itemFactsOf(listing: Listing, retailPrice?: number): ItemFacts {
  return {
    title: listing.title,
    condition: listing.condition,
    category: listing.category,
    ...(listing.ageYears !== undefined ? { ageYears: listing.ageYears } : {}),
    flaws: [...listing.flaws],
    askingPrice: listing.askingPrice,
    ...(retailPrice !== undefined ? { retailPrice } : {}),
  };
}

export function threadItemFacts(view: AgentView, thread: ThreadView): ItemFacts {
  const own =
    thread.role === "seller"
      ? view.me.mandate.items.find((item) => item.id === thread.listing.itemId)
      : undefined;
  return itemFactsOf(thread.listing, own?.retailPrice);
}

/** The leverage facts of a thread; `theyAreUrgent` comes from reading their messages. */
export function leverageFactsOf(
  view: AgentView,
  thread: ThreadView | undefined,
  listing: Listing,
  theyAreUrgent: boolean,
): LeverageFacts {
  const facts = thread ? threadItemFacts(view, thread) : itemFactsOf(listing);
  const otherInterest =
    thread !== undefined &&
    thread.role === "seller" &&
    view.threads.some(
      (other) =>
        other.thread.id !== thread.thread.id &&
        other.listing.id === listing.id &&
        !FINAL_THREAD_STATES.has(other.thread.status),
    );
  return {
    flaws: facts.flaws,
    condition: facts.condition,
    ...(facts.ageYears !== undefined ? { ageYears: facts.ageYears } : {}),
    ...(facts.retailPrice !== undefined ? { retailPrice: facts.retailPrice } : {}),
    askingPrice: facts.askingPrice,
    theyAreUrgent,
    otherInterest,
  };
}

/** The move for the language part, with the prices already on the table in the thread. */
export function moveFor(
  view: AgentView,
  thread: ThreadView,
  kind: MoveKind,
  price: number | undefined,
  leverage: string[],
): Move {
  const me = view.me.id;
  const previousPrice = thread.offers.filter((offer) => offer.from === me).at(-1)?.price;
  const theirPrice = thread.offers.filter((offer) => offer.from !== me).at(-1)?.price;
  const last = thread.messages.at(-1);
  const theyAsked = last !== undefined && last.from !== me && asksAboutItem(last.text);
  return {
    kind,
    role: thread.role,
    ...(price !== undefined ? { price } : {}),
    ...(previousPrice !== undefined ? { previousPrice } : {}),
    ...(theirPrice !== undefined ? { theirPrice } : {}),
    item: threadItemFacts(view, thread),
    counterpartName: thread.counterpart.name,
    myName: view.me.name,
    round: thread.messages.filter((message) => message.from === me).length,
    leverage,
    currency: view.market.currency,
    ...(theyAsked ? { theyAsked } : {}),
  };
}

/**
 * Whether a message asks about the item itself ("what condition is it in?", "anything wrong with
 * it?"), not just "what do you say?": such a question is answered with the item's facts.
 */
export function asksAboutItem(text: string): boolean {
  return text
    .split(/(?<=[.!?])\s+/)
    .some(
      (sentence) =>
        sentence.includes("?") &&
        /\b(?:condition|state|wrong|flaws?|damage[ds]?|scratch(?:es|ed)?|old|age|used|history|servic(?:e|ed)|tell me|more about|work(?:s|ing)?|why|come with|included|original|receipt|how long|état|estado|Zustand)\b/i.test(
          sentence,
        ),
    );
}

/** True when a listing serves a want: a shared keyword, or the category when the want names no keywords. */
export function listingServesWant(
  want: Pick<Want, "description" | "keywords" | "category">,
  listing: Listing,
): boolean {
  // The market's keyword cache: wants and listings are frozen records, so their words are worked out once.
  const wanted = wantKeywords(want);
  if (listingKeywords(listing).some((word) => wanted.includes(word))) return true;
  return want.keywords.length === 0 && want.category === listing.category;
}

/**
 * True when a listing's asking price is within reach of what the owner would pay (`limit`: the
 * want's max price, or less when the budget left is smaller). Beyond twice the limit a deal is rare
 * (reserves sit well above half the asking price), so agents do not open talks there.
 */
export function withinReach(listing: Pick<Listing, "askingPrice">, limit: number): boolean {
  return limit > 0 && listing.askingPrice <= 2 * limit;
}

/** Adjusts a tier by the owner's persona hints: a person who wants it over quickly concedes sooner. */
export function personalised(tier: TierParams, hints: Phraser["hints"]): TierParams {
  let e = tier.curve.e;
  let { buyerOpening, deadline } = tier;
  if (hints.closeFast) {
    e *= 1.5;
    deadline = Math.max(4, deadline - 2);
  }
  if (hints.patient) e *= 0.8;
  if (hints.lowballOpen) buyerOpening = Math.max(0.4, buyerOpening - 0.06);
  return { ...tier, curve: { ...tier.curve, e }, buyerOpening, deadline };
}

/**
 * Whether the owner's wishes name this participant id as someone not to trade with. Names are
 * matched by the market itself (it refuses such trades); the agent skips the ids it can see.
 */
export function avoidsId(view: AgentView, participantId: string): boolean {
  return (view.me.mandate.wishes?.avoid ?? []).some((entry) => entry.id === participantId);
}
