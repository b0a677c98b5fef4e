import type { AgentUsage } from "../agents/agent.ts";
import type { MarketState } from "../engine/state.ts";
import { medianCents } from "./stats.ts";

export interface SampleDeal {
  dealId: string;
  /** The negotiation that made the deal (what `haggle show <run> --thread` takes, as does the deal id). */
  threadId: string;
  item: string;
  seller: string;
  buyer: string;
  askingPrice: number;
  price: number;
  rounds: number;
  /** The first messages of the thread, speaker and text. */
  opening: { from: string; text: string }[];
  /** The last messages of the thread (up to two, none already in `opening`): how it closed. */
  closing: { from: string; text: string }[];
  /** Messages in the thread. */
  messages: number;
  /**
   * Each offer's price in the order the offers were made, from either side; an offer revised before
   * the other side answered counts at its last price (the market keeps each offer's latest version).
   */
  offerPrices: { from: string; price: number }[];
  /** Offers made in the thread, revisions included. */
  offersMade: number;
}

export interface MarketSummary {
  marketId: string;
  participants: number;
  listings: number;
  wantAds: number;
  threads: number;
  deals: number;
  /** Settled volume in cents. */
  volume: number;
  dealsPerPerson: number;
  medianPrice: number;
  meanDiscountFromAsking: number;
  refusals?: number;
  /** Model usage of the run's LLM agents, if it had any. */
  models?: { total: Omit<AgentUsage, "byThread">; stopped?: string };
  samples: SampleDeal[];
}

/** Headline numbers of a market and a few sample deals, from its final state. */
export function summariseMarket(state: MarketState, options: { samples?: number } = {}): MarketSummary {
  const settled = [...state.deals.values()].filter(
    (deal) => deal.status === "confirmed" || deal.status === "handed-over",
  );
  const prices = settled.map((deal) => deal.price);
  const name = (id: string) => state.participants.get(id)?.participant.name ?? id;
  const pick = Math.max(0, options.samples ?? 3);
  const step = settled.length > pick ? settled.length / pick : 1;
  const samples: SampleDeal[] = [];
  const said = (id: string) => {
    const message = state.messages.get(id)!;
    return { from: name(message.from), text: message.text };
  };
  for (let i = 0; i < Math.min(pick, settled.length); i++) {
    const deal = settled[Math.floor(i * step)]!;
    const thread = state.threads.get(deal.threadId)!;
    const listing = state.listings.get(deal.listingId)!;
    samples.push({
      dealId: deal.id,
      threadId: deal.threadId,
      item: listing.title,
      seller: name(deal.seller),
      buyer: name(deal.buyer),
      askingPrice: listing.askingPrice,
      price: deal.price,
      rounds: thread.offerIds.reduce((sum, id) => sum + (state.offers.get(id)?.version ?? 0), 0),
      opening: thread.messageIds.slice(0, 4).map(said),
      closing: thread.messageIds.slice(Math.max(4, thread.messageIds.length - 2)).map(said),
      messages: thread.messageIds.length,
      offerPrices: thread.offerIds.flatMap((id) => {
        const offer = state.offers.get(id);
        return offer ? [{ from: name(offer.from), price: offer.price }] : [];
      }),
      offersMade: thread.offerCount.seller + thread.offerCount.buyer,
    });
  }
  const discounts = settled.map((deal) => {
    const asking = state.listings.get(deal.listingId)!.askingPrice;
    return asking > 0 ? (asking - deal.price) / asking : 0;
  });
  return {
    marketId: state.config.marketId,
    participants: state.participants.size,
    listings: state.listings.size,
    wantAds: state.wantAds.size,
    threads: state.threads.size,
    deals: settled.length,
    volume: prices.reduce((sum, price) => sum + price, 0),
    dealsPerPerson: state.participants.size ? (settled.length * 2) / state.participants.size : 0,
    medianPrice: prices.length ? medianCents(prices) : 0,
    meanDiscountFromAsking: discounts.length ? discounts.reduce((a, b) => a + b, 0) / discounts.length : 0,
    samples,
  };
}
