import { PERSONA_PRESETS } from "../agents/builtin/language/persona-style.ts";
import {
  askingPriceFor,
  type CatalogueEntry,
  loadCatalogue,
  maxPriceFor,
  reserveFor,
} from "../domain/catalogue.ts";
import type { Participant } from "../domain/mandate.ts";
import { createRng, type Rng } from "../domain/random.ts";
import { FIRST_NAMES } from "./names.ts";

export interface PopulationOptions {
  participants: number;
  /** Items each person sells, as [min, max]. */
  itemsPerPerson: [number, number];
  /** Wants each person has, as [min, max]. */
  wantsPerPerson: [number, number];
  /** Cents. Project Deal gave everyone $100. */
  budget: number;
  seed: number;
  /** Share of wants drawn from what others sell, so the market has matches. */
  matchShare?: number;
}

export const PROJECT_DEAL_POPULATION: Omit<PopulationOptions, "seed"> = {
  participants: 69,
  itemsPerPerson: [7, 9],
  wantsPerPerson: [3, 5],
  budget: 100_00,
};

function itemFor(entry: CatalogueEntry, index: number, rng: Rng): Participant["mandate"]["items"][number] {
  const askingPrice = askingPriceFor(entry, rng);
  return {
    id: `i${index + 1}`,
    title: entry.title,
    description: entry.description,
    condition: entry.condition,
    category: entry.category,
    ageYears: entry.ageYears,
    flaws: entry.flaw ? [entry.flaw] : [],
    retailPrice: entry.retailPrice,
    askingPrice,
    reserve: reserveFor(entry, askingPrice, rng),
  };
}

function wantFor(
  entry: CatalogueEntry,
  index: number,
  budget: number,
  rng: Rng,
): Participant["mandate"]["wants"][number] {
  // The first keywords name the product ("shovel", "blender"): enough to find it, not so many that anything matches.
  const keywords = entry.keywords.slice(0, 2);
  return {
    id: `w${index + 1}`,
    description: `${entry.title}, or something like it`,
    category: entry.category,
    keywords,
    maxPrice: Math.min(maxPriceFor(entry, rng), budget),
  };
}

/**
 * Generates a market's people from the catalogue: each sells a handful of second-hand items with
 * asking prices and reserves, wants a few things with max prices (mostly things others sell), has a
 * budget and one of the persona presets. Deterministic for a seed.
 */
export function generatePopulation(options: PopulationOptions): Participant[] {
  const rng = createRng(options.seed);
  const catalogue = loadCatalogue();
  const [minItems, maxItems] = options.itemsPerPerson;
  const [minWants, maxWants] = options.wantsPerPerson;
  const people: Participant[] = [];
  const sellerOf: { entry: CatalogueEntry; seller: number }[] = [];
  let deck = rng.shuffle(catalogue);
  let cursor = 0;
  const draw = (): CatalogueEntry => {
    if (cursor >= deck.length) {
      deck = rng.shuffle(catalogue);
      cursor = 0;
    }
    return deck[cursor++]!;
  };
  for (let i = 0; i < options.participants; i++) {
    const itemRng = rng.fork(`items:${i}`);
    const count = itemRng.int(minItems, maxItems);
    const items = Array.from({ length: count }, (_, index) => {
      const entry = draw();
      sellerOf.push({ entry, seller: i });
      return itemFor(entry, index, itemRng);
    });
    const preset = PERSONA_PRESETS[rng.int(0, PERSONA_PRESETS.length - 1)]!;
    const round = Math.floor(i / FIRST_NAMES.length);
    const name = FIRST_NAMES[i % FIRST_NAMES.length]! + (round > 0 ? ` ${round + 1}` : "");
    people.push({
      id: `p${String(i + 1).padStart(options.participants >= 1000 ? 5 : 3, "0")}`,
      name,
      mandate: {
        items,
        wants: [],
        budget: options.budget,
        persona: preset.persona,
        instructions: preset.instructions,
      },
    });
  }
  const matchShare = options.matchShare ?? 0.85;
  people.forEach((person, i) => {
    const wantRng = rng.fork(`wants:${i}`);
    const count = wantRng.int(minWants, maxWants);
    const chosen = new Set<string>();
    for (let tries = 0; person.mandate.wants.length < count && tries < count * 10; tries++) {
      let entry: CatalogueEntry;
      if (wantRng.chance(matchShare)) {
        const pick = sellerOf[wantRng.int(0, sellerOf.length - 1)]!;
        if (pick.seller === i) continue;
        entry = pick.entry;
      } else entry = catalogue[wantRng.int(0, catalogue.length - 1)]!;
      if (chosen.has(entry.id)) continue;
      chosen.add(entry.id);
      person.mandate.wants.push(wantFor(entry, person.mandate.wants.length, options.budget, wantRng));
    }
  });
  return people;
}
