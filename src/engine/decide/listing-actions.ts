import type { Listing, WantAd } from "../../domain/listing.ts";
import type { ActionOf } from "../action.ts";
import type { EventBody } from "../event.ts";
import { reject } from "../rejection.ts";
import type { MarketState, ParticipantState } from "../state.ts";
import type { Decision } from "./decision.ts";
import { checkMessageLength, requireOpen } from "./guards.ts";

function channelMessage(
  state: MarketState,
  from: string,
  text: string | undefined,
  now: number,
): EventBody[] {
  if (!text) return [];
  const id = `M${state.counters.message + 1}`;
  return [{ type: "message-posted", message: { id, where: "channel", from, text, at: now } }];
}

export function postListing(
  state: MarketState,
  self: ParticipantState,
  action: ActionOf<"post-listing">,
  now: number,
): Decision {
  const closed = requireOpen(state) ?? checkMessageLength(state, action.text);
  if (closed) return closed;
  const item = self.participant.mandate.items.find((candidate) => candidate.id === action.itemId);
  if (!item)
    return reject("item/unknown", `You have no item "${action.itemId}" to sell; list one of your own items.`);
  if (self.listedItems.has(item.id)) {
    return reject(
      "item/already-listed",
      `"${item.title}" is already listed or sold; it can be listed only once.`,
    );
  }
  const askingPrice = action.askingPrice ?? item.askingPrice;
  if (askingPrice < item.reserve) {
    return reject(
      "listing/below-reserve",
      "That asking price is below the least your owner accepts; ask for more.",
    );
  }
  const listing: Listing = {
    id: `L${state.counters.listing + 1}`,
    seller: self.participant.id,
    itemId: item.id,
    title: item.title,
    description: item.description,
    condition: item.condition,
    category: item.category,
    ...(item.ageYears !== undefined ? { ageYears: item.ageYears } : {}),
    flaws: [...item.flaws],
    askingPrice,
    status: "active",
    postedAt: now,
  };
  return [
    { type: "listing-posted", listing },
    ...channelMessage(state, self.participant.id, action.text, now),
  ];
}

export function withdrawListing(
  state: MarketState,
  self: ParticipantState,
  action: ActionOf<"withdraw-listing">,
): Decision {
  const listing = state.listings.get(action.listingId);
  if (!listing) return reject("listing/unknown", `There is no listing "${action.listingId}".`);
  if (listing.seller !== self.participant.id)
    return reject("listing/not-owner", "Only the seller can withdraw a listing.");
  if (listing.status !== "active") {
    return reject(
      "listing/not-active",
      `Listing "${listing.id}" is ${listing.status}; only an active listing can be withdrawn.`,
    );
  }
  return [{ type: "listing-withdrawn", listingId: listing.id }];
}

export function postWantAd(
  state: MarketState,
  self: ParticipantState,
  action: ActionOf<"post-want-ad">,
  now: number,
): Decision {
  const closed = requireOpen(state) ?? checkMessageLength(state, action.text);
  if (closed) return closed;
  const want = self.participant.mandate.wants.find((candidate) => candidate.id === action.wantId);
  if (!want)
    return reject("want/unknown", `You have no want "${action.wantId}"; post one of your own wants.`);
  if (self.wantsTaken.has(want.id))
    return reject("want/fulfilled", "That want already has a deal; no need to post it.");
  for (const adId of self.wantAdIds) {
    const ad = state.wantAds.get(adId)!;
    if (ad.wantId === want.id && ad.status === "active") {
      return reject("want-ad/exists", `You already have an active ad "${ad.id}" for this want.`);
    }
  }
  const wantAd: WantAd = {
    id: `A${state.counters.wantAd + 1}`,
    buyer: self.participant.id,
    wantId: want.id,
    description: want.description,
    ...(want.category !== undefined ? { category: want.category } : {}),
    keywords: [...want.keywords],
    status: "active",
    postedAt: now,
  };
  return [
    { type: "want-ad-posted", wantAd },
    ...channelMessage(state, self.participant.id, action.text, now),
  ];
}
