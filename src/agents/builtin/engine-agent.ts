import { formatMoney } from "../../domain/money.ts";
import { offersMadeBy } from "../../domain/thread.ts";
import type { AgentAction } from "../../engine/action.ts";
import { FINAL_THREAD_STATES } from "../../engine/index.ts";
import type { AgentView, ThreadView } from "../../engine/view.ts";
import type { Agent, AgentContext } from "../agent.ts";
import { defaultWords } from "./default-words.ts";
import type { Move } from "./language/move.ts";
import { revealsSecret } from "./secret-guard.ts";
import { type Decision, nextMove, type Situation } from "./strategy/next-move.ts";
import { TIERS, type TierName, type TierParams } from "./strategy/tiers.ts";
import {
  itemFactsOf,
  leverageFactsOf,
  limitFor,
  listingServesWant,
  moveFor,
  personalised,
  secretsOf,
  withinReach,
} from "./view-facts.ts";
import type { Phraser, Reading, Words } from "./words.ts";

export interface EngineAgentOptions {
  /** The language and understanding parts; the built-in ones by default. */
  words?: Words;
  /** Most offers one side may make in a thread (the market's cap). */
  offerCap?: number;
}

/** Per-thread bookkeeping: what we have already answered. Everything else is read from the view. */
interface ThreadMemory {
  /** The other side's latest offer (id#version) we have answered. */
  answeredOffer?: string;
  /** The other side's latest message id we have answered. */
  answeredMessage?: string;
  thanked: boolean;
  capped: boolean;
  retries: number;
  /** What the other side's messages said, by message id: each is read once. */
  readings: Map<string, Reading>;
}

const TAKEN_DEAL_STATES = new Set(["accepted", "confirmed", "handed-over"]);

/** Most sellers a buyer negotiates with, over the whole market, for one want. */
const MAX_SELLERS_PER_WANT = 5;

const HOUR = 3600 * 1000;

/**
 * When no want ad could be answered for a listing, its seller looks again this much later rather than
 * at every visit: in a large market that search is the costliest part of a seller's visit.
 */
const LOOK_FOR_ADS_AGAIN_MS = 3 * HOUR;

/**
 * The built-in negotiator: no model, no key. Sellers list their items and buyers post want ads and
 * open negotiations on matching listings; in each thread the strategy picks a move (see
 * `strategy/next-move.ts`), the language part words it and this turns it into typed actions.
 * @example const agent = createEngineAgent("strong", { participantId: "ann", seed: 1 }); await agent.decide(view)
 */
export function createEngineAgent(
  tierName: TierName,
  context: AgentContext,
  options: EngineAgentOptions = {},
): Agent {
  const words = options.words ?? defaultWords;
  const cap = options.offerCap ?? 12;
  const memory = new Map<string, ThreadMemory>();
  let phraser: Phraser | undefined;
  let tier: TierParams = TIERS[tierName];
  /** Per listing: no want ad could be answered when last looked, so not before this time again. */
  const noAdUntil = new Map<string, number>();

  const memoryOf = (threadId: string): ThreadMemory => {
    let entry = memory.get(threadId);
    if (!entry) {
      entry = { thanked: false, capped: false, retries: 0, readings: new Map() };
      memory.set(threadId, entry);
    }
    return entry;
  };

  /** Words for a move, checked so they never write a secret number; falls back to plainer words. */
  function phrase(move: Move, secrets: readonly number[]): string {
    const say = phraser!.say.bind(phraser);
    if (move.price !== undefined && secrets.includes(move.price)) {
      // Offering or accepting exactly a limit: the typed price says it, the words must not.
      const { price: _price, ...rest } = move;
      return phrase(rest, secrets);
    }
    const first = say(move);
    if (!revealsSecret(first, secrets)) return first;
    const { previousPrice: _previous, theirPrice: _theirs, ...bare } = move;
    const second = say({ ...bare, leverage: [] });
    if (!revealsSecret(second, secrets)) return second;
    if (move.price !== undefined && !secrets.includes(move.price)) {
      return `${formatMoney(move.price, move.currency)} is my price.`;
    }
    return move.kind === "walk-away" ? "I'll leave it there, thanks." : "Let's go ahead.";
  }

  function readingOf(
    memo: ThreadMemory,
    message: { id: string; text: string },
    context: { lastPrice?: number; counterpartLastPrice?: number },
  ) {
    let reading = memo.readings.get(message.id);
    if (!reading) {
      reading = words.read(message.text, context);
      memo.readings.set(message.id, reading);
    }
    return reading;
  }

  function situationFor(
    view: AgentView,
    thread: ThreadView,
    limit: number,
    extra: Partial<Situation>,
  ): Situation {
    const me = view.me.id;
    const mine = thread.offers.filter((offer) => offer.from === me);
    const theirs = thread.offers.filter((offer) => offer.from !== me);
    const open = theirs.find((offer) => offer.status === "open");
    const memo = memoryOf(thread.thread.id);
    let urgent = false;
    let statedBound: number | undefined;
    for (const message of thread.messages) {
      if (message.from === me) continue;
      const reading = readingOf(memo, message, {});
      urgent ||= reading.urgent;
      if (reading.bound !== undefined) statedBound = reading.bound;
    }
    const facts = leverageFactsOf(view, thread, thread.listing, urgent);
    return {
      role: thread.role,
      tier,
      limit,
      askingPrice: thread.listing.askingPrice,
      myPrices: mine.map((offer) => offer.price),
      theirPrices: theirs.map((offer) => offer.price),
      ...(open ? { theirOpenOffer: open.price } : {}),
      ...(statedBound !== undefined ? { theirStatedBound: statedBound } : {}),
      myOfferCount: memo.capped ? cap : offersMadeBy(thread.thread, me),
      cap,
      facts,
      secrets: secretsOf(view),
      ...extra,
    };
  }

  function toActions(view: AgentView, thread: ThreadView, decision: Decision): AgentAction[] {
    const secrets = secretsOf(view);
    const threadId = thread.thread.id;
    const price = decision.action === "walk-away" ? undefined : decision.price;
    const text = phrase(moveFor(view, thread, decision.kind, price, decision.leverage), secrets);
    if (decision.action === "walk-away") return [{ type: "decline-thread", threadId, text }];
    if (decision.action === "accept") {
      const open = thread.offers.find((offer) => offer.from !== view.me.id && offer.status === "open")!;
      return [{ type: "accept-offer", offerId: open.id, version: open.version, text }];
    }
    return [{ type: "make-offer", threadId, price: decision.price, text }];
  }

  function handleThread(view: AgentView, thread: ThreadView): AgentAction[] {
    const me = view.me.id;
    const { status, id: threadId } = thread.thread;
    if (status === "declined" || status === "expired") {
      // Over without a deal: nothing more is said there, so its bookkeeping goes (a long market holds many).
      memory.delete(threadId);
      phraser!.forget?.(thread.counterpart.name, thread.listing.title);
      return [];
    }
    const memo = memoryOf(threadId);
    const secrets = secretsOf(view);
    const deal = thread.deal;

    if (status === "confirmed" || status === "handed-over") {
      // The messages of a settled deal are never read again.
      memo.readings.clear();
      if (deal && deal.acceptedBy === me && !memo.thanked) {
        memo.thanked = true;
        const text = phrase(moveFor(view, thread, "thanks", deal.price, []), secrets);
        return [{ type: "send-message", where: threadId, text }];
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
        const text = phrase(moveFor(view, thread, "confirm", deal.price, []), secrets);
        return [{ type: "confirm-deal", dealId: deal.id, text }];
      }
      return [];
    }

    // The listing went elsewhere or was withdrawn: say goodbye. (Once a deal settles, the market
    // itself expires the other threads on its listing and want.)
    if (thread.listing.status === "sold" || thread.listing.status === "withdrawn") {
      const text = phrase(moveFor(view, thread, "walk-away", undefined, []), secrets);
      return [{ type: "decline-thread", threadId, text }];
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
      const text = phrase(moveFor(view, thread, "walk-away", undefined, []), secrets);
      return [{ type: "decline-thread", threadId, text }];
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
      const reading = readingOf(memo, latestMessage, {
        ...(mine.at(-1) ? { lastPrice: mine.at(-1)!.price } : {}),
        ...(latestOffer ? { counterpartLastPrice: latestOffer.price } : {}),
      });
      if (reading.price !== undefined && reading.price !== latestOffer?.price) wordPrice = reading.price;
      else if (reading.isQuestion && mine.length > 0) {
        const text = phrase(moveFor(view, thread, "answer", mine.at(-1)!.price, []), secrets);
        return [{ type: "send-message", where: threadId, text }];
      } else if (mine.length > 0 && !firstWord) {
        return [];
      }
    }
    const situation = situationFor(
      view,
      thread,
      limit,
      wordPrice !== undefined ? { theirWordPrice: wordPrice } : {},
    );
    return toActions(view, thread, nextMove(situation));
  }

  function openNegotiations(view: AgentView): AgentAction[] {
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
          text: phrase(move, secrets),
        });
      }
    }
    return actions;
  }

  /**
   * A seller whose listing has waited the tier's time for buyers, and nobody is negotiating for it
   * now, answers a matching want ad of someone it has not talked to about it: up to the tier's number
   * of pitches per listing, at most two per visit, so sellers reach buyers without flooding them.
   * A listing with no want ad to answer is looked at again some hours later.
   */
  function answerWantAds(view: AgentView): AgentAction[] {
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
          !talked.has(`${listing.id}|${candidate.buyer}`) && listingServesWant(candidate, listing),
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
        text: phrase(move, secrets),
      });
    }
    return actions;
  }

  return {
    spec: `engine:${tierName}`,
    decide(view: AgentView): AgentAction[] {
      if (view.market.status !== "open") return [];
      if (!phraser) {
        phraser = words.phraser({
          persona: view.me.mandate.persona,
          instructions: view.me.mandate.instructions,
          seed: context.seed,
        });
        tier = personalised(TIERS[tierName], phraser.hints);
      }
      const actions: AgentAction[] = [];
      const listed = new Set(view.myListings.map((listing) => listing.itemId));
      for (const item of view.me.mandate.items) {
        if (!listed.has(item.id)) actions.push({ type: "post-listing", itemId: item.id });
      }
      const advertised = new Set(view.myWantAds.map((ad) => ad.wantId));
      for (const want of view.me.mandate.wants) {
        if (!advertised.has(want.id)) actions.push({ type: "post-want-ad", wantId: want.id });
      }
      // Oldest talks first; past the tier's attention the rest wait for the next look.
      let answered = 0;
      for (const thread of view.threads) {
        if (answered >= tier.attention) break;
        const answers = handleThread(view, thread);
        if (answers.length > 0) answered++;
        actions.push(...answers);
      }
      actions.push(...openNegotiations(view));
      actions.push(...answerWantAds(view));
      return actions;
    },
    onRefused(refusal) {
      const { action, code } = refusal;
      const threadId =
        "threadId" in action && typeof action.threadId === "string"
          ? action.threadId
          : action.type === "send-message"
            ? action.where
            : undefined;
      if (!threadId) return;
      const memo = memoryOf(threadId);
      if (code === "cap/offers") memo.capped = true;
      // Answer again next turn: the offer we answered changed under us, or we hit our cap and must now accept or walk.
      if (
        (code === "offer/stale-version" || code === "offer/not-open" || code === "cap/offers") &&
        memo.retries < 2
      ) {
        memo.retries++;
        delete memo.answeredOffer;
        delete memo.answeredMessage;
      }
    },
  };
}
