import type { AgentUsage } from "../agents/agent.ts";
import type { MarketState } from "../engine/state.ts";

/**
 * One settled deal as the analysis reads it: flat, so deals from this project's runs and from
 * markets run elsewhere (a CSV or JSONL file) are analysed the same way. Money in integer cents.
 */
export interface DealRecord {
  /** The arm (market variant) the deal happened in, e.g. "all-strong-1". */
  arm: string;
  /** The deal's id in its arm's market, where known (survey answers refer to it). */
  dealId?: string;
  /** The same item across arms: "<seller id>/<item id>" for this project's runs. */
  item: string;
  title?: string;
  category?: string;
  seller: string;
  buyer: string;
  /** The agent spec that represented each side, e.g. "engine:strong"; the analysis groups by it. */
  sellerTier: string;
  buyerTier: string;
  price: number;
  askingPrice?: number;
  /** The seller's least acceptable price and the buyer's most, where known (secret in the market). */
  reserve?: number;
  maxPrice?: number;
  /** The owners' persona and instructions in their own words, for the persona analysis. */
  sellerPersona?: string;
  buyerPersona?: string;
  /** Offers made in the thread. */
  rounds?: number;
  /** Model use of both sides' agents in the deal's thread (LLM agents only). */
  modelCalls?: number;
  inputTokens?: number;
  outputTokens?: number;
  /** Estimated, in fractional cents: not market money. */
  costCents?: number;
  /** The buyer's want the deal served, where known (the efficiency analysis counts it as a possible match). */
  wantId?: string;
}

/** One item offered in an arm, sold or not: the denominator of sale rates. */
export interface ListingRecord {
  arm: string;
  item: string;
  title: string;
  seller: string;
  sellerTier: string;
  askingPrice: number;
  reserve: number;
  sold: boolean;
  price?: number;
  /** The listing's category, where known: the efficiency analysis matches wants by it. */
  category?: string;
  /** The seller's persona and instructions in their own words, for sale rates by persona. */
  sellerPersona?: string;
}

/** A buyer's want in an arm: with listings, what the efficiency analysis matches. */
export interface WantRecord {
  arm: string;
  buyer: string;
  buyerTier: string;
  wantId: string;
  description: string;
  category?: string;
  keywords: string[];
  maxPrice: number;
  budget: number;
  /** The buyer's persona and instructions in their own words, for success rates by persona. */
  buyerPersona?: string;
}

/** One participant's model use over a run (LLM agents only). */
export interface UsageRecord {
  participant: string;
  spec: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  costCents: number;
}

export interface ArmRecords {
  deals: DealRecord[];
  listings: ListingRecord[];
  wants: WantRecord[];
  /** Present when the arm had model agents. */
  usage?: UsageRecord[];
}

/** Flattens a finished market into the records the analysis reads. */
export function armRecords(
  state: MarketState,
  arm: string,
  assignment: Record<string, string>,
  usage: Record<string, AgentUsage & { spec: string }> = {},
): ArmRecords {
  const mandateOf = (id: string) => state.participants.get(id)!.participant.mandate;
  const tier = (id: string) => assignment[id] ?? "unknown";
  const deals: DealRecord[] = [];
  const soldPrice = new Map<string, number>();
  for (const deal of state.deals.values()) {
    if (deal.status !== "confirmed" && deal.status !== "handed-over") continue;
    const listing = state.listings.get(deal.listingId)!;
    const seller = mandateOf(deal.seller);
    const buyer = mandateOf(deal.buyer);
    const item = seller.items.find((candidate) => candidate.id === listing.itemId);
    const want = buyer.wants.find((candidate) => candidate.id === deal.wantId);
    const thread = state.threads.get(deal.threadId);
    soldPrice.set(listing.id, deal.price);
    deals.push({
      arm,
      dealId: deal.id,
      item: `${deal.seller}/${listing.itemId}`,
      title: listing.title,
      category: listing.category,
      seller: deal.seller,
      buyer: deal.buyer,
      sellerTier: tier(deal.seller),
      buyerTier: tier(deal.buyer),
      price: deal.price,
      askingPrice: listing.askingPrice,
      ...(item ? { reserve: item.reserve } : {}),
      ...(want ? { maxPrice: want.maxPrice } : {}),
      sellerPersona: [seller.persona, seller.instructions].filter(Boolean).join(" "),
      buyerPersona: [buyer.persona, buyer.instructions].filter(Boolean).join(" "),
      rounds: thread ? thread.offerIds.reduce((sum, id) => sum + (state.offers.get(id)?.version ?? 0), 0) : 0,
      wantId: deal.wantId,
      ...threadUsage(usage, deal.seller, deal.buyer, deal.threadId),
    });
  }
  const listings: ListingRecord[] = [];
  for (const listing of state.listings.values()) {
    const sellerMandate = mandateOf(listing.seller);
    const item = sellerMandate.items.find((candidate) => candidate.id === listing.itemId);
    const price = soldPrice.get(listing.id);
    listings.push({
      arm,
      item: `${listing.seller}/${listing.itemId}`,
      title: listing.title,
      seller: listing.seller,
      sellerTier: tier(listing.seller),
      askingPrice: listing.askingPrice,
      reserve: item?.reserve ?? listing.askingPrice,
      sold: price !== undefined,
      ...(price !== undefined ? { price } : {}),
      category: listing.category,
      sellerPersona: [sellerMandate.persona, sellerMandate.instructions].filter(Boolean).join(" "),
    });
  }
  const wants: WantRecord[] = [];
  for (const { participant } of state.participants.values()) {
    for (const want of participant.mandate.wants) {
      wants.push({
        arm,
        buyer: participant.id,
        buyerTier: tier(participant.id),
        wantId: want.id,
        description: want.description,
        ...(want.category ? { category: want.category } : {}),
        keywords: want.keywords,
        maxPrice: want.maxPrice,
        budget: participant.mandate.budget,
        buyerPersona: [participant.mandate.persona, participant.mandate.instructions]
          .filter(Boolean)
          .join(" "),
      });
    }
  }
  const usageRecords: UsageRecord[] = Object.entries(usage).map(([participant, used]) => ({
    participant,
    spec: used.spec,
    calls: used.calls,
    inputTokens: used.inputTokens,
    outputTokens: used.outputTokens,
    cachedInputTokens: used.cachedInputTokens,
    costCents: used.costCents,
  }));
  return { deals, listings, wants, ...(usageRecords.length > 0 ? { usage: usageRecords } : {}) };
}

/** Both sides' model use in one thread, or nothing when neither side used a model there. */
function threadUsage(
  usage: Record<string, AgentUsage>,
  seller: string,
  buyer: string,
  threadId: string,
): Pick<DealRecord, "modelCalls" | "inputTokens" | "outputTokens" | "costCents"> {
  const shares = [usage[seller]?.byThread[threadId], usage[buyer]?.byThread[threadId]].filter(
    (share) => share !== undefined,
  );
  if (shares.length === 0) return {};
  return {
    modelCalls: shares.reduce((sum, share) => sum + share.calls, 0),
    inputTokens: shares.reduce((sum, share) => sum + share.inputTokens, 0),
    outputTokens: shares.reduce((sum, share) => sum + share.outputTokens, 0),
    costCents: shares.reduce((sum, share) => sum + share.costCents, 0),
  };
}
