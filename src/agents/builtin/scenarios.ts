import {
  askingPriceFor,
  type CatalogueEntry,
  loadCatalogue,
  maxPriceFor,
  reserveFor,
} from "../../domain/catalogue.ts";
import type { ItemToSell } from "../../domain/mandate.ts";
import { createRng, hashString, type Rng } from "../../domain/random.ts";
import type { NegotiationSetup } from "./run-negotiation.ts";

/** The seller's item as a mandate item, with an asking price and reserve drawn for it. */
export function itemFromCatalogue(entry: CatalogueEntry, rng: Rng): ItemToSell {
  const askingPrice = askingPriceFor(entry, rng);
  return {
    id: entry.id,
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

/**
 * A negotiation setup for one catalogue entry: asking price, reserve and the buyer's max price drawn
 * with the catalogue's helpers (so limits and zones of agreement vary, and about a third of draws
 * leave no deal possible). The buyer's budget usually leaves the max price binding; one time in ten
 * the budget is the tighter limit.
 */
export function setupFromCatalogue(entry: CatalogueEntry, rng: Rng): NegotiationSetup {
  const item = itemFromCatalogue(entry, rng);
  const maxPrice = maxPriceFor(entry, rng);
  const tightBudget = rng.chance(0.1);
  const budget = tightBudget
    ? Math.max(100, Math.round(maxPrice * (0.85 + rng.next() * 0.1)))
    : maxPrice + 2_000;
  return { item, buyer: { maxPrice, budget, keywords: [...entry.keywords] } };
}

/** `count` setups drawn from the catalogue, reproducible from `seed`. */
export function catalogueScenarios(count: number, seed: number): NegotiationSetup[] {
  const catalogue = loadCatalogue();
  const out: NegotiationSetup[] = [];
  for (let i = 0; i < count; i++) {
    const rng = createRng(hashString(`scenario:${seed}:${i}`));
    out.push(setupFromCatalogue(rng.pick(catalogue), rng));
  }
  return out;
}
