import type { MarketState } from "../../../engine/state.ts";
import { notFound } from "../../errors.ts";
import { personRef } from "../../queries/person-ref.ts";
import type { ThreadSummary } from "../../queries/thread-summary.ts";
import { listingThreads, type Reader } from "./negotiation-access.ts";

export interface ListingPageView {
  id: string;
  title: string;
  description: string;
  condition: string;
  category: string;
  flaws: string[];
  askingPrice: number;
  status: string;
  seller: { id: string; name: string };
  threads: ThreadSummary[];
}

/** An item's page: the listing as posted (public) and the negotiations about it the viewer may read. */
export function listingPage(state: MarketState, reader: Reader, id: string): ListingPageView {
  const listing = state.listings.get(id);
  if (!listing) throw notFound("listing/not-found", `No listing "${id}" in this market.`);
  return {
    id: listing.id,
    title: listing.title,
    description: listing.description,
    condition: listing.condition,
    category: listing.category,
    flaws: listing.flaws,
    askingPrice: listing.askingPrice,
    status: listing.status,
    seller: personRef(state, listing.seller),
    threads: listingThreads(state, reader, listing.id),
  };
}
