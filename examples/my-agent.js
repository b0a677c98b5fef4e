// A complete agent of your own for Haggle. Run it with:
//
//   haggle negotiate --seller module:./examples/my-agent.js --buyer engine:strong --item <catalogue id>
//
// The module's default export is an agent factory: Haggle calls it once per person with
// { participantId, seed } and then calls `decide(view)` whenever the market wants the agent's move.
// `decide` returns typed actions; only those bind, and the market checks every one against the
// owner's mandate (it refuses an offer below the reserve, above the max price or over the budget).
// See examples/README.md for the view and the actions.

/** Cents to "$12.50". */
const dollars = (cents) => `$${(cents / 100).toFixed(cents % 100 === 0 ? 0 : 2)}`;

/** Our offers so far are how much time has passed: the share of our 8 offers used. */
const OFFERS = 8;

/** Linear concession from `start` to `limit` over our offers (a classic time-dependent tactic). */
function target(start, limit, offersMade) {
  const t = Math.min(1, offersMade / OFFERS);
  return Math.round(start + (limit - start) * t);
}

/**
 * @param {{ participantId: string, seed: number }} context
 */
export default function createAgent(context) {
  return {
    spec: "module:my-agent",

    decide(view) {
      const actions = [];
      if (view.market.status !== "open") return actions;
      const me = view.me.id;

      // 1. Post what we sell and what we want, once.
      const listed = new Set(view.myListings.map((listing) => listing.itemId));
      for (const item of view.me.mandate.items) {
        if (!listed.has(item.id)) actions.push({ type: "post-listing", itemId: item.id });
      }
      const advertised = new Set(view.myWantAds.map((ad) => ad.wantId));
      for (const want of view.me.mandate.wants) {
        if (!advertised.has(want.id)) actions.push({ type: "post-want-ad", wantId: want.id });
      }

      // 2. Answer each negotiation in which the other side moved last.
      for (const thread of view.threads) {
        const { status, id: threadId } = thread.thread;
        if (status === "agreed" && thread.deal?.status === "accepted" && thread.deal.acceptedBy !== me) {
          // They accepted our offer: confirm promptly so the sale settles.
          actions.push({ type: "confirm-deal", dealId: thread.deal.id, text: "Confirmed, thank you!" });
          continue;
        }
        if (status !== "open" && status !== "negotiating") continue;
        const mine = thread.offers.filter((offer) => offer.from === me);
        const theirs = thread.offers.filter((offer) => offer.from !== me);
        const open = theirs.find((offer) => offer.status === "open");
        const myLast = mine.at(-1);
        const theyMovedLast = open && (!myLast || open.madeAt >= myLast.madeAt);
        if (!theyMovedLast && !(thread.role === "seller" && mine.length === 0)) continue;

        const isSeller = thread.role === "seller";
        const limit = isSeller
          ? view.me.mandate.items.find((item) => item.id === thread.listing.itemId).reserve
          : Math.min(
              view.me.mandate.wants.find((want) => want.id === thread.thread.wantId).maxPrice,
              view.me.available,
            );
        // Start from the asking price (seller) or 70% of it (buyer), never beyond our own limit: a
        // buyer whose 70% is above its max price starts at the max, not at offers the market refuses.
        const opening = isSeller ? thread.listing.askingPrice : Math.round(thread.listing.askingPrice * 0.7);
        const start = isSeller ? Math.max(opening, limit) : Math.min(opening, limit);
        // The market counts offers per side of the thread: offerCount.seller and offerCount.buyer.
        const offersMade = thread.thread.offerCount[thread.role] ?? 0;
        let price = target(start, limit, offersMade + 1);
        if (myLast) price = isSeller ? Math.min(price, myLast.price) : Math.max(price, myLast.price);
        // Never past the limit (a refused offer is a wasted turn).
        price = isSeller ? Math.max(price, limit) : Math.min(price, limit);

        // Accept when their offer is at least as good as what we would offer next.
        if (open && (isSeller ? open.price >= price : open.price <= price)) {
          actions.push({
            type: "accept-offer",
            offerId: open.id,
            version: open.version,
            text: open.price === limit ? "Deal!" : `Deal at ${dollars(open.price)}!`,
          });
        } else if (offersMade >= 11) {
          actions.push({
            type: "decline-thread",
            threadId,
            text: "I don't think we'll meet on this one. Thanks anyway!",
          });
        } else {
          // Never write the limit itself in words: the typed price is enough.
          const words = price === limit ? "This is as far as I can go." : `How about ${dollars(price)}?`;
          actions.push({ type: "make-offer", threadId, price, text: words });
        }
      }

      // 3. As a buyer, open one negotiation per want on the cheapest matching listing we can afford.
      for (const want of view.me.mandate.wants) {
        const busy = view.threads.some(
          (thread) => thread.role === "buyer" && thread.thread.wantId === want.id,
        );
        if (busy) continue;
        const limit = Math.min(want.maxPrice, view.me.available);
        const listing = view.matchingListings
          .filter((candidate) => candidate.askingPrice <= limit * 1.5)
          .sort((a, b) => a.askingPrice - b.askingPrice)[0];
        if (!listing) continue;
        const price = Math.min(Math.round(listing.askingPrice * 0.7), limit - 1);
        actions.push({
          type: "make-offer",
          listingId: listing.id,
          wantId: want.id,
          price,
          text: `Hi! Is the ${listing.title} still available? Would you take ${dollars(price)}?`,
        });
      }
      return actions;
    },

    // Optional: the market tells us when it refused an action, with a code and a readable reason.
    // The agent runs isolated and sees only environment variables named MODULE_AGENT_*.
    onRefused({ action, code, message }) {
      if (process.env.MODULE_AGENT_DEBUG)
        console.error(`[${context.participantId}] ${action.type} refused: ${code}: ${message}`);
    },
  };
}
