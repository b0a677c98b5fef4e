import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Listing } from "../domain/listing.ts";
import {
  compareIds,
  emptyIndex,
  indexListing,
  listingKeywords,
  listingsMatching,
  Posting,
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

  it("shows each asker a different handful of equally good matches, the same one every time", () => {
    const index = emptyIndex();
    for (let n = 1; n <= 100; n++) indexListing(index, listing(n, "road bike"));
    const want = { description: "road bike", keywords: ["road", "bike"] };
    const seen = new Set<string>();
    for (let person = 1; person <= 100; person++) {
      const found = listingsMatching(index, want, { limit: 5, asker: `P${person}` });
      expect(found).toHaveLength(5);
      expect(listingsMatching(index, want, { limit: 5, asker: `P${person}` })).toEqual(found);
      for (const id of found) seen.add(id);
    }
    // Without an asker everyone would see L1..L5; with one, the hundred askers' picks cover most bikes.
    expect(listingsMatching(index, want, { limit: 5 })).toEqual(["L1", "L2", "L3", "L4", "L5"]);
    expect(seen.size).toBeGreaterThan(80);
  });

  it("reads a crowded posting from a place drawn from the asker, at bounded cost", () => {
    const index = emptyIndex();
    for (let n = 1; n <= 20_000; n++) indexListing(index, listing(n, "blue thing"));
    const starts = new Set<string>();
    for (let person = 1; person <= 20; person++) {
      let asked = 0;
      const found = listingsMatching(
        index,
        { description: "blue thing", keywords: ["blue"] },
        {
          limit: 3,
          asker: `P${person}`,
          accept: () => {
            asked++;
            return true;
          },
        },
      );
      expect(found).toHaveLength(3);
      expect(asked).toBeLessThanOrEqual(300);
      starts.add(found[0]!);
    }
    expect(starts.size).toBeGreaterThan(15);
  });
});

describe("Posting", () => {
  it("holds the same ids as a Set under any sequence of adds and deletes", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 12 })), { maxLength: 80 }),
        (ops) => {
          const posting = new Posting();
          const reference = new Set<string>();
          for (const [adding, n] of ops) {
            const id = `L${n}`;
            if (adding) {
              posting.add(id);
              reference.add(id);
            } else {
              posting.delete(id);
              reference.delete(id);
            }
            expect(posting.size).toBe(reference.size);
            expect(new Set(posting.ids)).toEqual(reference);
            for (let k = 1; k <= 12; k++) expect(posting.has(`L${k}`)).toBe(reference.has(`L${k}`));
          }
        },
      ),
    );
  });
});
