import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { personRef } from "../../app/queries/person-ref.ts";
import { HaggleError } from "../../domain/errors.ts";
import { showHidden } from "../../domain/hidden-text.ts";
import type { Listing, WantAd } from "../../domain/listing.ts";
import { keywordsOf } from "../../engine/keywords.ts";
import type { MarketState } from "../../engine/state.ts";

/**
 * JSON whose text shows no hidden character (README invariant 9: agent text is data, shown inert):
 * each one, which JSON.stringify leaves raw (a bidi override, a zero-width space, a tag character),
 * becomes a JSON escape (`\u202e`), so a model reading the text sees it, and a client that parses
 * the JSON gets the text exactly as written.
 */
export function inertJson(data: unknown): string {
  return showHidden(JSON.stringify(data), (ch) => {
    let escaped = "";
    for (let i = 0; i < ch.length; i++) escaped += `\\u${ch.charCodeAt(i).toString(16).padStart(4, "0")}`;
    return escaped;
  });
}

/** A tool's successful answer: JSON text, for any client. */
export function ok(data: unknown): CallToolResult {
  return { content: [{ type: "text", text: inertJson(data) }] };
}

/**
 * A tool's error: a Haggle error's code and message (an engine refusal's message never holds a secret
 * number), anything else as an internal error without its details.
 */
export function failure(error: unknown): CallToolResult {
  const body = HaggleError.isInstance(error)
    ? { code: error.code, message: error.message }
    : { code: "internal", message: "the market could not do this; try again later" };
  return { isError: true, content: [{ type: "text", text: inertJson({ error: body }) }] };
}

/** A listing as anyone may see it: the listing record holds no reserve. */
export function publicListing(state: MarketState, listing: Listing) {
  return {
    id: listing.id,
    title: listing.title,
    description: listing.description,
    condition: listing.condition,
    category: listing.category,
    ...(listing.ageYears !== undefined ? { ageYears: listing.ageYears } : {}),
    flaws: listing.flaws,
    askingPrice: listing.askingPrice,
    status: listing.status,
    seller: personRef(state, listing.seller),
    postedAt: listing.postedAt,
  };
}

export function publicWantAd(state: MarketState, ad: WantAd) {
  return {
    id: ad.id,
    description: ad.description,
    ...(ad.category !== undefined ? { category: ad.category } : {}),
    keywords: ad.keywords,
    status: ad.status,
    buyer: personRef(state, ad.buyer),
    postedAt: ad.postedAt,
  };
}

/** Whether every word of `query` is in `text` (case and accents aside). */
export function matchesQuery(query: string | undefined, ...texts: (string | undefined)[]): boolean {
  if (!query) return true;
  const words = keywordsOf(query);
  if (words.length === 0) return true;
  const have = new Set(keywordsOf(texts.filter(Boolean).join(" ")));
  return words.every((word) => have.has(word));
}
