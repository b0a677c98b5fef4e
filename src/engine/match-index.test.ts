import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Listing } from "../domain/listing.ts";
import {
  compareIds,
  emptyIndex,
  indexListing,
  listingKeywords,
  listingsMatching,
  wantKeywords,
} from "./match-index.ts";

const WORDS = ["lamp", "desk", "bike", "tent", "stove", "kettle", "camera", "guitar", "blue", "vintage"];

function listing(n: number, title: string, category = "home"): Listing {
  return {
    id: `L${n}`,
    seller: "s",
    itemId: `i${n}`,
    title,
    description: "",
    condition: "good",
    category,
    flaws: [],
    askingPrice: 1000,
    status: "active",
    postedAt: 0,
  };
}

/** The ranking by brute force: every listing scored, best first, ties by id. */
function bruteForce(listings: Listing[], want: { description: string; keywords: string[] }, limit: number) {
  const words = new Set(wantKeywords(want));
  return listings
    .map((l) => ({ id: l.id, score: 2 * listingKeywords(l).filter((w) => words.has(w)).length }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || compareIds(a.id, b.id))
    .slice(0, limit)
    .map((s) => s.id);
}

describe("listingsMatching", () => {
  it("ranks like a full scan in markets where no word is common", () => {
    fc.assert(
      fc.property(
        fc.array(fc.subarray(WORDS, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 60 }),
        fc.subarray(WORDS, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 25 }),
        (titles, wanted, limit) => {
          const index = emptyIndex();
          const listings = titles.map((words, i) => listing(i + 1, words.join(" ")));
          for (const l of listings) indexListing(index, l);
          const want = { description: wanted.join(" "), keywords: wanted };
          expect(listingsMatching(index, want, { limit })).toEqual(bruteForce(listings, want, limit));
        },
      ),
    );
  });

  it("in a large market, finds the rare word's posts first and reads a bounded part of a common word's", () => {
    const index = emptyIndex();
    // 20,000 blue things, of which three are also vintage lamps.
    for (let n = 1; n <= 20_000; n++) {
      indexListing(index, listing(n, n % 5_000 === 0 ? "blue vintage lamp" : `blue thing ${n}`));
    }
    let asked = 0;
    const found = listingsMatching(
      index,
      { description: "blue vintage lamp", keywords: ["blue", "vintage", "lamp"] },
      {
        limit: 5,
        accept: () => {
          asked++;
          return true;
        },
      },
    );
    expect(found.slice(0, 4)).toEqual(["L5000", "L10000", "L15000", "L20000"]);
    expect(found).toHaveLength(5);
    expect(asked).toBeLessThan(300);
  });
});
