import type { MarketState } from "../../../engine/state.ts";
import { badInput } from "../../errors.ts";
import { feed } from "../../queries/index.ts";
import { OPERATOR } from "../../queries/viewer.ts";
import { listingThreads, type Reader } from "./negotiation-access.ts";

export interface ChannelFilters {
  category?: string;
  /** A participant id: their posts only. */
  person?: string;
  /** Words that must all appear in the post (case-insensitive). */
  q?: string;
  /** The id of the last entry read; the page starts after it. */
  after?: string;
  limit?: number;
}

export interface ChannelEntryView {
  id: string;
  kind: "for sale" | "looking for" | "message";
  at: number;
  from: { id: string; name: string };
  text: string;
  category?: string;
  askingPrice?: number;
  status?: string;
  threads?: number;
}

/**
 * The shared channel, newest first, filtered: by the category of a listing or want ad, by who posted,
 * and by words. Everything in it is public (listings, want ads, channel messages).
 */
export function channelPage(
  state: MarketState,
  reader: Reader,
  filters: ChannelFilters,
): { entries: ChannelEntryView[]; next?: string } {
  const limit = filters.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw badInput("channel/bad-limit", "limit: give a whole number from 1 to 500.");
  }
  const words = (filters.q ?? "").toLowerCase().split(/\s+/).filter(Boolean).slice(0, 10);
  const entries: ChannelEntryView[] = [];
  for (const entry of feed(state, OPERATOR).entries) {
    const listing = entry.kind === "for sale" ? state.listings.get(entry.id) : undefined;
    const ad = entry.kind === "looking for" ? state.wantAds.get(entry.id) : undefined;
    const category = listing?.category ?? ad?.category;
    if (filters.category && category !== filters.category) continue;
    if (filters.person && entry.from.id !== filters.person) continue;
    if (words.length > 0) {
      const text = `${entry.text} ${listing?.description ?? ""} ${entry.from.name}`.toLowerCase();
      if (!words.every((word) => text.includes(word))) continue;
    }
    entries.push({
      id: entry.id,
      kind: entry.kind,
      at: entry.at,
      from: entry.from,
      text: entry.text,
      ...(category ? { category } : {}),
      ...(entry.kind === "for sale" ? { askingPrice: entry.askingPrice, status: entry.status } : {}),
      ...(entry.kind === "looking for" ? { status: entry.status } : {}),
      ...(listing ? { threads: listingThreads(state, reader, listing.id).length } : {}),
    });
  }
  entries.reverse();
  let start = 0;
  if (filters.after) {
    const index = entries.findIndex((entry) => entry.id === filters.after);
    if (index < 0)
      throw badInput("channel/bad-cursor", `after: no post "${filters.after}" in this view of the channel.`);
    start = index + 1;
  }
  const page = entries.slice(start, start + limit);
  return start + limit < entries.length && page.length > 0
    ? { entries: page, next: page.at(-1)!.id }
    : { entries: page };
}

/** The categories in use, for the channel's filter. */
export function channelCategories(state: MarketState): string[] {
  const categories = new Set<string>();
  for (const listing of state.listings.values()) categories.add(listing.category);
  for (const ad of state.wantAds.values()) if (ad.category) categories.add(ad.category);
  return [...categories].sort();
}
