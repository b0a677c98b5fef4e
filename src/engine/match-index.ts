import type { Listing, WantAd } from "../domain/listing.ts";
import { hashString } from "../domain/random.ts";
import { keywordsOf } from "./keywords.ts";

/**
 * Inverted index of active listings and want ads by category and keyword, so finding what matches a
 * want costs what matches rather than a scan of the whole market.
 */
export interface MatchIndex {
  listingsByCategory: Map<string, Posting>;
  listingsByKeyword: Map<string, Posting>;
  wantAdsByCategory: Map<string, Posting>;
  wantAdsByKeyword: Map<string, Posting>;
}

/**
 * The ids under one key. An array with positions rather than a Set, so a query can start reading at
 * any place in it (see POSTING_SCAN) and removal stays O(1) (the last id takes the removed one's place).
 */
export class Posting {
  readonly ids: string[] = [];
  private readonly at = new Map<string, number>();

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.at.has(id);
  }

  add(id: string): void {
    if (this.at.has(id)) return;
    this.at.set(id, this.ids.length);
    this.ids.push(id);
  }

  delete(id: string): void {
    const position = this.at.get(id);
    if (position === undefined) return;
    const last = this.ids.pop()!;
    this.at.delete(id);
    if (last !== id) {
      this.ids[position] = last;
      this.at.set(last, position);
    }
  }
}

export function emptyIndex(): MatchIndex {
  return {
    listingsByCategory: new Map(),
    listingsByKeyword: new Map(),
    wantAdsByCategory: new Map(),
    wantAdsByKeyword: new Map(),
  };
}

function add(map: Map<string, Posting>, key: string, id: string): void {
  let posting = map.get(key);
  if (!posting) {
    posting = new Posting();
    map.set(key, posting);
  }
  posting.add(id);
}

function remove(map: Map<string, Posting>, key: string, id: string): void {
  const posting = map.get(key);
  if (!posting) return;
  posting.delete(id);
  if (posting.size === 0) map.delete(key);
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
  /**
   * Who is asking. Equally good matches are ordered by a hash of the asker and the id rather than by
   * id alone, so in a large market a hundred people wanting a bike are each shown a different handful
   * of the equally matching bikes, instead of all crowding the oldest few.
   */
  asker?: string;
}

/**
 * Ids a query reads in full from one posting list. Of a word shared by more posts than this (a
 * common word in a large market) a query reads this many, starting at a place drawn from the asker,
 * so a query costs what it returns rather than the size of the market, and different askers see
 * different parts of a crowded posting.
 */
const POSTING_SCAN = 64;

/**
 * The best `limit` ids by score (keyword hits count 2 each, a shared category 1), ties by the asker's
 * draw (see MatchOptions.asker), else by id. Rare keywords are scored in full, common ones (see
 * POSTING_SCAN) against the candidates and then read in part; ids that share only the category fill
 * up what is missing, read the same way. Without a limit every posting is read in full.
 */
function topMatches(
  keywordPostings: Array<Posting | undefined>,
  category: Posting | undefined,
  categoryOnly: boolean,
  options: MatchOptions,
): string[] {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const accept = options.accept ?? (() => true);
  const scan = Number.isFinite(limit) ? Math.max(POSTING_SCAN, limit) : Number.POSITIVE_INFINITY;
  const offset = options.asker === undefined ? 0 : mix(hashString(options.asker));
  const postings = keywordPostings
    .filter((posting): posting is Posting => posting !== undefined)
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
      for (const id of posting.ids) {
        const score = scores.get(id);
        if (score !== undefined) scores.set(id, score + 2);
        else consider(id);
      }
      continue;
    }
    for (const [id, score] of scores) if (posting.has(id)) scores.set(id, score + 2);
    readWindow(posting, scan, offset, () => scores.size >= limit, consider);
  }
  if (category) for (const [id, score] of scores) if (category.has(id)) scores.set(id, score + 1);
  const ranked = rank(scores, options.asker);
  if (ranked.length >= limit || !category || !categoryOnly) return ranked.slice(0, limit);
  const needed = limit - ranked.length;
  const extra = new Map<string, number>();
  const enough = () => category.size > scan && extra.size >= needed;
  readWindow(category, scan, offset, enough, (id) => {
    if (!scores.has(id) && !refused.has(id) && !extra.has(id) && accept(id)) extra.set(id, 1);
  });
  return [...ranked, ...rank(extra, options.asker).slice(0, needed)];
}

/** Reads up to `scan` ids of a posting from `offset` on, wrapping around, until `enough`. */
function readWindow(
  posting: Posting,
  scan: number,
  offset: number,
  enough: () => boolean,
  read: (id: string) => void,
): void {
  const { ids } = posting;
  const count = Math.min(scan, ids.length);
  const first = ids.length > scan ? offset % ids.length : 0;
  for (let i = 0; i < count && !enough(); i++) read(ids[(first + i) % ids.length]!);
}

/** Ids by score, best first; ties by the asker's draw when there is an asker, else by id. */
function rank(scores: Map<string, number>, asker: string | undefined): string[] {
  if (asker === undefined) {
    return [...scores.entries()].sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0])).map(([id]) => id);
  }
  const seed = hashString(asker);
  return [...scores.entries()]
    .map(([id, score]) => ({ id, score, draw: mix(hashString(id, seed)) }))
    .sort((a, b) => b.score - a.score || a.draw - b.draw || compareIds(a.id, b.id))
    .map(({ id }) => id);
}

// FNV's low bits barely change with the last character; murmur's finaliser spreads them.
function mix(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
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
