import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  askingPriceFor,
  CATALOGUE_CATEGORIES,
  type CatalogueEntry,
  catalogueSchema,
  findCatalogueEntry,
  loadCatalogue,
  maxPriceFor,
  reserveFor,
} from "./catalogue.ts";
import { createRng } from "./random.ts";

const catalogue = loadCatalogue();

describe("the catalogue file", () => {
  it("loads and validates against the schema", () => {
    const raw = JSON.parse(
      readFileSync(new URL("../../data/catalogue/catalogue.json", import.meta.url), "utf8"),
    );
    expect(() => catalogueSchema.parse(raw)).not.toThrow();
    expect(catalogue).toHaveLength(raw.length);
  });

  it("has at least 300 entries spread over most categories", () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(300);
    const categories = new Set(catalogue.map((entry) => entry.category));
    expect(categories.size).toBeGreaterThanOrEqual(15);
    for (const category of categories) expect(CATALOGUE_CATEGORIES).toContain(category);
  });

  it("keeps the attribution and licence beside the data", () => {
    const readme = readFileSync(new URL("../../data/catalogue/README.md", import.meta.url), "utf8");
    expect(readme).toContain("TianXiaSJTU/AmazonPriceHistory");
    expect(readme).toContain("Apache");
    const licence = readFileSync(new URL("../../data/catalogue/LICENSE", import.meta.url), "utf8");
    expect(licence).toContain("Apache License");
  });

  it("has unique ids that findCatalogueEntry resolves", () => {
    const ids = catalogue.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of catalogue) expect(findCatalogueEntry(entry.id)).toEqual(entry);
    expect(findCatalogueEntry("no-such-item")).toBeUndefined();
  });

  it("has short, clean human titles", () => {
    const titles = new Set<string>();
    for (const { title } of catalogue) {
      expect(title.length, title).toBeLessThanOrEqual(60);
      expect(title, title).not.toMatch(/[|[\]{}™®©]/);
      expect(title, title).not.toMatch(/[\s,.;:!?/&+|(-]$/); // no trailing punctuation
      expect(title, title).not.toMatch(/^[\s,.;:!?/&+|)-]/);
      expect(title, title).not.toMatch(/\s{2}/);
      // Not a bare model number: at least one ordinary word of three or more letters.
      expect(
        title.split(" ").some((word) => /^[A-Za-z][a-z'’]{2,}/.test(word)),
        title,
      ).toBe(true);
      expect(titles.has(title.toLowerCase()), `duplicate title ${title}`).toBe(false);
      titles.add(title.toLowerCase());
    }
  });

  it("has plain descriptions and lower-case keywords", () => {
    for (const entry of catalogue) {
      expect(entry.description.length).toBeLessThanOrEqual(240);
      expect(entry.description, entry.id).toMatch(/\.$/);
      expect(entry.keywords.length).toBeGreaterThan(0);
      for (const keyword of entry.keywords) expect(keyword).toBe(keyword.toLowerCase());
    }
  });

  it("prices everything in integer cents, with low < high <= retail and a $100-budget range", () => {
    for (const { id, retailPrice, usedValue } of catalogue) {
      for (const cents of [retailPrice, usedValue.low, usedValue.high]) {
        expect(Number.isSafeInteger(cents), id).toBe(true);
        expect(cents, id).toBeGreaterThan(0);
      }
      expect(usedValue.low, id).toBeLessThan(usedValue.high);
      expect(usedValue.high, id).toBeLessThanOrEqual(retailPrice);
      expect(usedValue.high, id).toBeLessThanOrEqual(120_00);
      expect(usedValue.low, id).toBeGreaterThanOrEqual(3_00);
    }
  });

  it("gives new items no flaw, and is mostly good or like-new", () => {
    for (const entry of catalogue) {
      if (entry.condition === "new") expect(entry.flaw, entry.id).toBeUndefined();
      expect(Number.isInteger(entry.ageYears)).toBe(true);
    }
    const share = catalogue.filter(
      (entry) => entry.condition === "good" || entry.condition === "like-new",
    ).length;
    expect(share / catalogue.length).toBeGreaterThan(0.5);
    expect(catalogue.some((entry) => entry.flaw !== undefined)).toBe(true);
  });

  it("returns a fresh array of frozen entries", () => {
    const again = loadCatalogue();
    expect(again).not.toBe(catalogue);
    expect(again).toEqual(catalogue);
    expect(Object.isFrozen(again[0])).toBe(true);
  });
});

describe("market price helpers", () => {
  const entryArb = fc.integer({ min: 0, max: catalogue.length - 1 }).map((index) => catalogue[index]!);
  const seedArb = fc.integer({ min: 0, max: 2 ** 32 - 1 });

  function draw(entry: CatalogueEntry, seed: number) {
    const rng = createRng(seed);
    const asking = askingPriceFor(entry, rng);
    const reserve = reserveFor(entry, asking, rng);
    const maxPrice = maxPriceFor(entry, rng);
    return { asking, reserve, maxPrice };
  }

  it("are deterministic per seed", () => {
    fc.assert(
      fc.property(entryArb, seedArb, (entry, seed) => {
        expect(draw(entry, seed)).toEqual(draw(entry, seed));
      }),
    );
    const seeds = Array.from({ length: 20 }, (_, seed) => JSON.stringify(draw(catalogue[0]!, seed)));
    expect(new Set(seeds).size).toBeGreaterThan(1);
  });

  it("return integer cents with reserve <= asking, asking in or just above the used range", () => {
    fc.assert(
      fc.property(entryArb, seedArb, (entry, seed) => {
        const { asking, reserve, maxPrice } = draw(entry, seed);
        for (const cents of [asking, reserve, maxPrice]) {
          expect(Number.isSafeInteger(cents)).toBe(true);
          expect(cents).toBeGreaterThan(0);
        }
        expect(reserve).toBeLessThanOrEqual(asking);
        expect(asking).toBeGreaterThanOrEqual(entry.usedValue.low);
        expect(asking).toBeLessThanOrEqual(
          Math.min(entry.retailPrice, Math.ceil(entry.usedValue.high * 1.15) + 500),
        );
        expect(reserve).toBeGreaterThanOrEqual(Math.floor(entry.usedValue.low * 0.9) - 100);
        expect(maxPrice).toBeLessThanOrEqual(entry.retailPrice);
        expect(maxPrice).toBeGreaterThanOrEqual(Math.floor(entry.usedValue.low * 0.8) - 500);
      }),
    );
  });

  it("sometimes leave no zone of agreement, usually leave one", () => {
    let noDeal = 0;
    let total = 0;
    catalogue.forEach((entry, index) => {
      for (let k = 0; k < 4; k++) {
        const { reserve, maxPrice } = draw(entry, index * 7919 + k);
        if (maxPrice < reserve) noDeal++;
        total++;
      }
    });
    expect(noDeal / total).toBeGreaterThan(0.1);
    expect(noDeal / total).toBeLessThan(0.5);
  });

  it("put asking prices in the upper part of the range on average", () => {
    let above = 0;
    for (const [index, entry] of catalogue.entries()) {
      const asking = askingPriceFor(entry, createRng(index));
      if (asking >= (entry.usedValue.low + entry.usedValue.high) / 2) above++;
    }
    expect(above / catalogue.length).toBeGreaterThan(0.6);
  });
});
