import type { Listing, WantAd } from "../domain/listing.ts";
import { keywordsOf } from "./keywords.ts";

/**
 * Inverted index of active listings and want ads by category and keyword, so finding what matches a
 * want costs what matches rather than a scan of the whole market.
 */
export interface MatchIndex {
  listingsByCategory: Map<string, Set<string>>;
  listingsByKeyword: Map<string, Set<string>>;
  wantAdsByCategory: Map<string, Set<string>>;
  wantAdsByKeyword: Map<string, Set<string>>;
}

export function emptyIndex(): MatchIndex {
  return {
    listingsByCategory: new Map(),
    listingsByKeyword: new Map(),
    wantAdsByCategory: new Map(),
    wantAdsByKeyword: new Map(),
  };
}

function add(map: Map<string, Set<string>>, key: string, id: string): void {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(id);
}

function remove(map: Map<string, Set<string>>, key: string, id: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) map.delete(key);
}

export function listingKeywords(listing: Pick<Listing, "title" | "category">): string[] {
  return keywordsOf(listing.title);
}

export function wantKeywords(want: { description: string; keywords: string[] }): string[] {
  return want.keywords.length > 0 ? keywordsOf(want.keywords.join(" ")) : keywordsOf(want.description);
}

export function indexListing(index: MatchIndex, listing: Listing): void {
  add(index.listingsByCategory, listing.category, listing.id);
  for (const word of listingKeywords(listing)) add(index.listingsByKeyword, word, listing.id);
}

export function unindexListing(index: MatchIndex, listing: Listing): void {
  remove(index.listingsByCategory, listing.category, listing.id);
  for (const word of listingKeywords(listing)) remove(index.listingsByKeyword, word, listing.id);
}

export function indexWantAd(index: MatchIndex, ad: WantAd): void {
  if (ad.category) add(index.wantAdsByCategory, ad.category, ad.id);
  for (const word of wantKeywords(ad)) add(index.wantAdsByKeyword, word, ad.id);
}

export function unindexWantAd(index: MatchIndex, ad: WantAd): void {
  if (ad.category) remove(index.wantAdsByCategory, ad.category, ad.id);
  for (const word of wantKeywords(ad)) remove(index.wantAdsByKeyword, word, ad.id);
}

/**
 * Active listing ids that match a want: any shared keyword, or the same category when the want names
 * only a category. Ranked by the number of shared keywords, then id, for a stable order.
 */
export function listingsMatching(
  index: MatchIndex,
  want: { description: string; keywords: string[]; category?: string },
): string[] {
  const scores = new Map<string, number>();
  for (const word of wantKeywords(want)) {
    for (const id of index.listingsByKeyword.get(word) ?? []) scores.set(id, (scores.get(id) ?? 0) + 2);
  }
  if (want.category) {
    for (const id of index.listingsByCategory.get(want.category) ?? []) {
      const score = scores.get(id);
      if (score !== undefined) scores.set(id, score + 1);
      else if (want.keywords.length === 0) scores.set(id, 1);
    }
  }
  return [...scores.entries()].sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0])).map(([id]) => id);
}

/** Active want ad ids that a listing could serve: the same category, or a shared keyword. */
export function wantAdsMatching(index: MatchIndex, listing: Pick<Listing, "title" | "category">): string[] {
  const scores = new Map<string, number>();
  for (const word of listingKeywords(listing)) {
    for (const id of index.wantAdsByKeyword.get(word) ?? []) scores.set(id, (scores.get(id) ?? 0) + 2);
  }
  for (const id of index.wantAdsByCategory.get(listing.category) ?? [])
    scores.set(id, (scores.get(id) ?? 0) + 1);
  return [...scores.entries()].sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0])).map(([id]) => id);
}

/** Orders ids like "L2" < "L10". */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
