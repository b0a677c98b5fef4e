import type { AgentAction } from "../../engine/action.ts";
import type { AgentView } from "../../engine/view.ts";
import type { Agent } from "../agent.ts";
import { buyerLimitOf, type NegotiationSetup, runNegotiation } from "./run-negotiation.ts";
import { catalogueScenarios } from "./scenarios.ts";

/** Words by which a seller says its offer is its last: the stalling buyer takes it then. */
const FINAL_WORDS =
  /best price|final offer|as good as it gets|lowest|last offer|can't go|cannot go|won't go/i;

/**
 * A reserve prober (finding 5 of issue 14): bids `share` of the asking price, and again and again,
 * without moving, until late in the talk the seller says its offer is its last (early on that is a
 * bluff to wait out), or its own offers run out; then takes the seller's offer if it is within its
 * limit. It records every price the seller offered, so the lowest one it could have taken is known.
 */
export function stallingBuyer(share = 0.3): Agent & { sellerPrices: number[] } {
  const sellerPrices: number[] = [];
  return {
    spec: "test:stalling-buyer",
    sellerPrices,
    decide(view: AgentView): AgentAction[] {
      const want = view.me.mandate.wants[0];
      if (!want) return [];
      const limit = Math.min(want.maxPrice, view.me.available);
      const thread = view.threads[0];
      if (!thread) {
        const listing = view.matchingListings[0];
        if (!listing) return [];
        const price = Math.max(100, Math.round((listing.askingPrice * share) / 100) * 100);
        return [{ type: "make-offer", listingId: listing.id, wantId: want.id, price }];
      }
      if (thread.thread.status !== "open" && thread.thread.status !== "negotiating") return [];
      const theirs = thread.offers.filter((offer) => offer.from !== view.me.id);
      const open = theirs.find((offer) => offer.status === "open");
      for (const offer of theirs) if (!sellerPrices.includes(offer.price)) sellerPrices.push(offer.price);
      const mine = thread.thread.offerCount.buyer;
      const bid = Math.max(100, Math.round((thread.listing.askingPrice * share) / 100) * 100);
      if (!open) return [{ type: "make-offer", threadId: thread.thread.id, price: bid }];
      const said = thread.messages.filter((message) => message.from !== view.me.id).at(-1)?.text ?? "";
      // Early "best price" talk is a bluff to wait out; late on, it is the seller's last word.
      const late = theirs.length >= 6;
      const outOfOffers = mine >= 11;
      if (open.price <= limit && ((late && FINAL_WORDS.test(said)) || outOfOffers)) {
        return [{ type: "accept-offer", offerId: open.id, version: open.version }];
      }
      if (outOfOffers) return [{ type: "decline-thread", threadId: thread.thread.id }];
      return [{ type: "make-offer", threadId: thread.thread.id, price: bid }];
    },
  };
}

/** One stalling negotiation: what the buyer got, as a share of the zone of agreement. */
export interface StallOutcome {
  item: string;
  reserve: number;
  buyerLimit: number;
  price?: number;
  /** (buyer's limit - price) / (buyer's limit - reserve): 1 when the buyer paid the reserve. 0 without a deal. */
  share: number;
  /** The same for the lowest price the seller ever offered: what the buyer could have taken at best. */
  bestShare: number;
  /** The seller offered exactly its reserve. */
  offeredReserve: boolean;
  /** The seller offered exactly its reserve and called it its last. */
  announcedReserve: boolean;
}

/** `count` catalogue setups with a zone of agreement at least `minZone` cents wide, from `seed`. */
export function stallScenarios(count: number, seed = 1, minZone = 200): NegotiationSetup[] {
  return catalogueScenarios(count * 8, seed)
    .filter((setup) => buyerLimitOf(setup) - setup.item.reserve >= minZone)
    .slice(0, count);
}

/**
 * Plays the stalling buyer against `makeSeller` on each setup and reports the share of the zone it
 * takes. A seller that gives a stalling buyer its reserve hands over the whole zone.
 */
export async function measureStall(
  setups: readonly NegotiationSetup[],
  makeSeller: (index: number) => Agent,
): Promise<{ outcomes: StallOutcome[]; meanShare: number; meanBestShare: number; deals: number }> {
  const outcomes: StallOutcome[] = [];
  for (const [index, setup] of setups.entries()) {
    const buyer = stallingBuyer();
    const result = await runNegotiation({ setup, seller: makeSeller(index), buyer });
    const reserve = setup.item.reserve;
    const limit = buyerLimitOf(setup);
    const zone = limit - reserve;
    const shareAt = (price: number) => Math.max(0, Math.min(1, (limit - price) / zone));
    const lowest = Math.min(...buyer.sellerPrices.filter((price) => price <= limit));
    const sellerLines = result.transcript.filter((line) => line.side === "seller" && line.kind === "offer");
    outcomes.push({
      item: setup.item.id,
      reserve,
      buyerLimit: limit,
      ...(result.agreed ? { price: result.price! } : {}),
      share: result.agreed ? shareAt(result.price!) : 0,
      bestShare: Number.isFinite(lowest) ? shareAt(lowest) : 0,
      offeredReserve: buyer.sellerPrices.includes(reserve),
      announcedReserve: sellerLines.some(
        (line) => line.price === reserve && line.text !== undefined && FINAL_WORDS.test(line.text),
      ),
    });
  }
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    outcomes,
    meanShare: mean(outcomes.map((outcome) => outcome.share)),
    meanBestShare: mean(outcomes.map((outcome) => outcome.bestShare)),
    deals: outcomes.filter((outcome) => outcome.price !== undefined).length,
  };
}
