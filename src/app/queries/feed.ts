import type { Listing, WantAd } from "../../domain/listing.ts";
import type { Audience } from "../../engine/audience.ts";
import type { MarketState } from "../../engine/state.ts";
import { badInput } from "../errors.ts";
import { type PersonRef, personRef } from "./person-ref.ts";
import { checkViewer, type Viewer, viewerMaySee } from "./viewer.ts";

interface FeedEntryBase {
  /** The post's own id: a listing (L12), a want ad (A3) or a channel message (M40). */
  id: string;
  /** Market-clock milliseconds. */
  at: number;
  from: PersonRef;
  /** The listing's title, the want ad's description, or the message. Agent-written: escape it when shown. */
  text: string;
}

/** One post in the shared channel. */
export type FeedEntry =
  | (FeedEntryBase & {
      kind: "for sale";
      status: Listing["status"];
      condition: Listing["condition"];
      askingPrice: number;
    })
  | (FeedEntryBase & { kind: "looking for"; status: WantAd["status"] })
  | (FeedEntryBase & { kind: "message" });

export interface FeedPage {
  entries: FeedEntry[];
  /** The id to pass as `after` for the next page; absent when this page reaches the end. */
  next?: string;
}

export interface FeedOptions {
  /** The id of the last entry already read: the page starts after it. */
  after?: string;
  /** Most entries to return (1 to 1,000); all by default. */
  limit?: number;
}

export const MAX_FEED_LIMIT = 1000;

/** Listings, want ads and channel messages: posted in public (see `audienceOf`). */
const CHANNEL: Audience = { kind: "public" };

/**
 * The shared channel as `viewer` sees it: every listing ("for sale"), want ad ("looking for") and
 * channel message, in time order. Posts at the same moment keep the order listings, want ads,
 * messages, each in the order posted. Everything in it is public; a participant viewer must belong
 * to the market.
 *
 * Paging: `after` is the id of the last entry read. An entry posted later at the very same market
 * millisecond as that entry, but ordered before it (a listing after a message), is not returned.
 */
export function feed(state: MarketState, viewer: Viewer, options: FeedOptions = {}): FeedPage {
  checkViewer(state, viewer);
  const { after, limit } = options;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > MAX_FEED_LIMIT)) {
    throw badInput("feed/bad-limit", `limit must be a whole number from 1 to ${MAX_FEED_LIMIT}.`);
  }
  if (!viewerMaySee(viewer, CHANNEL)) return { entries: [] };
  const listings: FeedEntry[] = [...state.listings.values()].map((listing) => ({
    id: listing.id,
    at: listing.postedAt,
    kind: "for sale",
    from: personRef(state, listing.seller),
    text: listing.title,
    status: listing.status,
    condition: listing.condition,
    askingPrice: listing.askingPrice,
  }));
  const ads: FeedEntry[] = [...state.wantAds.values()].map((ad) => ({
    id: ad.id,
    at: ad.postedAt,
    kind: "looking for",
    from: personRef(state, ad.buyer),
    text: ad.description,
    status: ad.status,
  }));
  const messages: FeedEntry[] = state.channelMessageIds.map((id) => {
    const message = state.messages.get(id)!;
    return { id, at: message.at, kind: "message", from: personRef(state, message.from), text: message.text };
  });
  // A stable sort: entries at the same moment stay listings, then want ads, then messages.
  const entries = [...listings, ...ads, ...messages].sort((a, b) => a.at - b.at);
  let start = 0;
  if (after !== undefined) {
    const index = entries.findIndex((entry) => entry.id === after);
    if (index < 0) throw badInput("feed/bad-cursor", `after: no post "${after}" in the channel.`);
    start = index + 1;
  }
  const end = limit === undefined ? entries.length : Math.min(entries.length, start + limit);
  const page = entries.slice(start, end);
  return end < entries.length && page.length > 0
    ? { entries: page, next: page.at(-1)!.id }
    : { entries: page };
}
