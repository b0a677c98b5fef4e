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

// Titles and wants are frozen records, so their keywords are worked out once per record.
const keywordCache = new WeakMap<object, string[]>();

export function listingKeywords(listing: Pick<Listing, "title" | "category">): string[] {
  let words = keywordCache.get(listing);
  if (!words) {
    words = keywordsOf(listing.title);
    keywordCache.set(listing, words);
  }
  return words;
}

export function wantKeywords(want: { description: string; keywords: string[] }): string[] {
  let words = keywordCache.get(want);
  if (!words) {
    words = want.keywords.length > 0 ? keywordsOf(want.keywords.join(" ")) : keywordsOf(want.description);
    keywordCache.set(want, words);
  }
  return words;
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

/** How many matches to return, and which ids count (e.g. not the asker's own posts). */
export interface MatchOptions {
  limit?: number;
  accept?: (id: string) => boolean;
}

/**
 * Ids a query reads in full from one posting list. A word shared by more posts than this (a
 * common word in a large market) only adds to the candidates the rarer words found, and fills up
 * what is missing in id order, so a query costs what it returns rather than the size of the market.
 */
const POSTING_SCAN = 256;

/**
 * The best `limit` ids by score (keyword hits count 2 each, a shared category 1), ties by id. Rare
 * keywords are scored in full, common ones (see POSTING_SCAN) against the candidates; ids that share
 * only the category are taken in id order until the limit is met, so a crowded category costs what is
 * returned rather than its size. Posting sets iterate in insertion order, which is id order, since
 * ids are issued in sequence. Without a limit every posting is read in full.
 */
function topMatches(
  keywordPostings: Array<Set<string> | undefined>,
  category: Set<string> | undefined,
  categoryOnly: boolean,
  options: MatchOptions,
): string[] {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const accept = options.accept ?? (() => true);
  const scan = Number.isFinite(limit) ? Math.max(POSTING_SCAN, limit) : Number.POSITIVE_INFINITY;
  const postings = keywordPostings
    .filter((posting): posting is Set<string> => posting !== undefined)
    .sort((a, b) => a.size - b.size);
  const scores = new Map<string, number>();
  const refused = new Set<string>();
  const consider = (id: string): void => {
    if (!refused.has(id) && !scores.has(id)) {
      if (accept(id)) scores.set(id, 2);
      else refused.add(id);
    }
  };
  for (const posting of postings) {
    if (posting.size <= scan) {
      for (const id of posting) {
        const score = scores.get(id);
        if (score !== undefined) scores.set(id, score + 2);
        else consider(id);
      }
      continue;
    }
    for (const [id, score] of scores) if (posting.has(id)) scores.set(id, score + 2);
    let read = 0;
    for (const id of posting) {
      if (scores.size >= limit || ++read > scan) break;
      consider(id);
    }
  }
  if (category) for (const [id, score] of scores) if (category.has(id)) scores.set(id, score + 1);
  const ranked = [...scores.entries()]
    .sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]))
    .map(([id]) => id);
  if (ranked.length >= limit || !category || !categoryOnly) return ranked.slice(0, limit);
  let read = 0;
  for (const id of category) {
    if (ranked.length >= limit || ++read > scan) break;
    if (!scores.has(id) && !refused.has(id) && accept(id)) ranked.push(id);
  }
  return ranked;
}

/**
 * Active listing ids that match a want: any shared keyword, or the same category when the want names
 * only a category. Ranked by the number of shared keywords, then id, for a stable order.
 */
export function listingsMatching(
  index: MatchIndex,
  want: { description: string; keywords: string[]; category?: string },
  options: MatchOptions = {},
): string[] {
  return topMatches(
    wantKeywords(want).map((word) => index.listingsByKeyword.get(word)),
    want.category ? index.listingsByCategory.get(want.category) : undefined,
    want.keywords.length === 0,
    options,
  );
}

/** Active want ad ids that a listing could serve: the same category, or a shared keyword. */
export function wantAdsMatching(
  index: MatchIndex,
  listing: Pick<Listing, "title" | "category">,
  options: MatchOptions = {},
): string[] {
  return topMatches(
    listingKeywords(listing).map((word) => index.wantAdsByKeyword.get(word)),
    index.wantAdsByCategory.get(listing.category),
    true,
    options,
  );
}

/** Orders ids like "L2" < "L10". */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
