import { PERSONA_PRESETS } from "../../agents/builtin/language/persona-style.ts";
import { createRng, type Rng } from "../../domain/random.ts";
import type { DealRecord, ListingRecord, WantRecord } from "../deal-record.ts";
import type { ArmInput } from "../read-input.ts";
import { normal } from "../stats.ts";

export const STRONG = "engine:strong";
export const WEAK = "engine:weak";

export interface SyntheticDealsOptions {
  seed: number;
  items?: number;
  arms?: number;
  /** Chance that an item sells in an arm. */
  saleRate?: number;
  /** Strong sellers get this fraction more (0.12 = +12%). */
  sellerPremium?: number;
  /** Strong buyers pay this fraction less. */
  buyerDiscount?: number;
  /** Standard deviation of log-price noise. */
  noise?: number;
}

/**
 * Deals only, for the statistics: every arm assigns each seller and buyer strong or weak at random
 * (a "mixed" arm), prices are an item base price times the planted tier effects times log-normal noise.
 */
export function syntheticDeals(options: SyntheticDealsOptions): DealRecord[] {
  const rng = createRng(options.seed);
  const items = options.items ?? 120;
  const arms = options.arms ?? 4;
  const saleRate = options.saleRate ?? 0.7;
  const noise = options.noise ?? 0.15;
  const people = 40;
  const base = Array.from({ length: items }, () => rng.int(800, 9000));
  const deals: DealRecord[] = [];
  for (let a = 0; a < arms; a++) {
    const tierOf = Array.from({ length: people }, () => (rng.chance(0.5) ? STRONG : WEAK));
    for (let i = 0; i < items; i++) {
      if (!rng.chance(saleRate)) continue;
      const seller = i % people;
      let buyer = rng.int(0, people - 2);
      if (buyer >= seller) buyer++;
      const sellerTier = tierOf[seller]!;
      const buyerTier = tierOf[buyer]!;
      let factor = Math.exp(noise * normal(rng));
      if (sellerTier === STRONG) factor *= 1 + (options.sellerPremium ?? 0);
      if (buyerTier === STRONG) factor *= 1 - (options.buyerDiscount ?? 0);
      deals.push({
        arm: `arm-${a + 1}`,
        item: `p${seller}/i${i}`,
        seller: `p${seller}`,
        buyer: `p${buyer}`,
        sellerTier,
        buyerTier,
        price: Math.max(1, Math.round(base[i]! * factor)),
        askingPrice: Math.round(base[i]! * 1.3),
      });
    }
  }
  return deals;
}

const WORDS = ["bike", "lamp", "guitar", "kettle", "camera", "novel", "drill", "tent", "blender", "chess"];
const CATEGORY: Record<string, string> = {
  bike: "sports-outdoors",
  lamp: "home-kitchen",
  guitar: "music",
  kettle: "home-kitchen",
  camera: "electronics",
  novel: "books",
  drill: "tools-home-improvement",
  tent: "sports-outdoors",
  blender: "home-kitchen",
  chess: "toys-games",
};
const ADJECTIVES = ["Red", "Vintage", "Compact", "Classic", "Blue", "Folding", "Deluxe", "Small"];

export interface SyntheticExperimentOptions {
  seed: number;
  people?: number;
  itemsPerPerson?: number;
  wantsPerPerson?: number;
  /** Arms: "mixed" assigns tiers at random; a tier name gives everyone that tier. */
  arms?: { id: string; arm: string; tiers: "mixed" | string }[];
  sellerPremium?: number;
  buyerDiscount?: number;
  budget?: number;
}

interface Person {
  id: string;
  persona: string;
  items: {
    id: string;
    title: string;
    word: string;
    category: string;
    base: number;
    reserve: number;
    asking: number;
  }[];
  wants: { id: string; word: string; maxPrice: number; description: string }[];
}

function people(rng: Rng, count: number, itemsPer: number, wantsPer: number): Person[] {
  return Array.from({ length: count }, (_, p) => {
    const preset = PERSONA_PRESETS[p % PERSONA_PRESETS.length]!;
    const persona = p % 7 === 6 ? "" : `${preset.persona} ${preset.instructions}`;
    return {
      id: `p${String(p + 1).padStart(3, "0")}`,
      persona,
      items: Array.from({ length: itemsPer }, (_, i) => {
        const word = rng.pick(WORDS);
        const base = rng.int(10, 80) * 100;
        return {
          id: `i${i + 1}`,
          title: `${rng.pick(ADJECTIVES)} ${word}`,
          word,
          category: CATEGORY[word]!,
          base,
          reserve: Math.round(base * 0.6),
          asking: Math.round(base * 1.3),
        };
      }),
      wants: Array.from({ length: wantsPer }, (_, w) => {
        const word = rng.pick(WORDS);
        return {
          id: `w${w + 1}`,
          word,
          maxPrice: rng.int(20, 110) * 100,
          description: `A ${word}, any condition`,
        };
      }),
    };
  });
}

/**
 * A whole experiment's records (listings, wants, deals consistent with the market's rules: a deal
 * serves a matching want, within the reserve, the max price and the budget), with planted tier effects.
 */
export function syntheticExperiment(options: SyntheticExperimentOptions): ArmInput[] {
  const rng = createRng(options.seed);
  const crowd = people(rng, options.people ?? 30, options.itemsPerPerson ?? 5, options.wantsPerPerson ?? 3);
  const budget = options.budget ?? 10000;
  const arms = options.arms ?? [
    { id: "all-strong-1", arm: "all-strong", tiers: STRONG },
    { id: "mixed-1", arm: "mixed", tiers: "mixed" },
    { id: "mixed-2", arm: "mixed", tiers: "mixed" },
  ];
  return arms.map((spec, a) => {
    const armRng = rng.fork(a);
    const tierOf = new Map(
      crowd.map((person) => [
        person.id,
        spec.tiers === "mixed" ? (armRng.chance(0.5) ? STRONG : WEAK) : spec.tiers,
      ]),
    );
    const spent = new Map<string, number>();
    const taken = new Set<string>();
    const deals: DealRecord[] = [];
    const listings: ListingRecord[] = [];
    let dealNo = 0;
    for (const seller of armRng.shuffle(crowd)) {
      for (const item of seller.items) {
        const candidates = crowd.flatMap((buyer) =>
          buyer.id === seller.id
            ? []
            : buyer.wants
                .filter(
                  (want) =>
                    want.word === item.word &&
                    !taken.has(`${buyer.id}/${want.id}`) &&
                    want.maxPrice >= item.reserve &&
                    (spent.get(buyer.id) ?? 0) + item.reserve <= budget,
                )
                .map((want) => ({ buyer, want })),
        );
        const sellerTier = tierOf.get(seller.id)!;
        const listing: ListingRecord = {
          arm: spec.id,
          item: `${seller.id}/${item.id}`,
          title: item.title,
          category: item.category,
          seller: seller.id,
          sellerTier,
          askingPrice: item.asking,
          reserve: item.reserve,
          sold: false,
          ...(seller.persona ? { sellerPersona: seller.persona } : {}),
        };
        listings.push(listing);
        if (candidates.length === 0 || !armRng.chance(0.75)) continue;
        const { buyer, want } = armRng.pick(candidates);
        const buyerTier = tierOf.get(buyer.id)!;
        let factor = Math.exp(0.1 * normal(armRng));
        if (sellerTier === STRONG) factor *= 1 + (options.sellerPremium ?? 0);
        if (buyerTier === STRONG) factor *= 1 - (options.buyerDiscount ?? 0);
        const room = budget - (spent.get(buyer.id) ?? 0);
        const price = Math.min(want.maxPrice, room, Math.max(item.reserve, Math.round(item.base * factor)));
        if (price < item.reserve) continue;
        taken.add(`${buyer.id}/${want.id}`);
        spent.set(buyer.id, (spent.get(buyer.id) ?? 0) + price);
        listing.sold = true;
        listing.price = price;
        dealNo++;
        deals.push({
          arm: spec.id,
          dealId: `D${dealNo}`,
          item: listing.item,
          title: item.title,
          category: item.category,
          seller: seller.id,
          buyer: buyer.id,
          sellerTier,
          buyerTier,
          price,
          askingPrice: item.asking,
          reserve: item.reserve,
          maxPrice: want.maxPrice,
          sellerPersona: seller.persona,
          buyerPersona: buyer.persona,
          wantId: want.id,
        });
      }
    }
    const wants: WantRecord[] = crowd.flatMap((buyer) =>
      buyer.wants.map((want) => ({
        arm: spec.id,
        buyer: buyer.id,
        buyerTier: tierOf.get(buyer.id)!,
        wantId: want.id,
        description: want.description,
        category: CATEGORY[want.word]!,
        keywords: [want.word],
        maxPrice: want.maxPrice,
        budget,
        ...(buyer.persona ? { buyerPersona: buyer.persona } : {}),
      })),
    );
    return { id: spec.id, arm: spec.arm, repetition: a + 1, records: { deals, listings, wants } };
  });
}

export interface ProjectDealOptions {
  seed: number;
  people?: number;
  /** Items each person sells: a number, or a range [min, max] drawn per person (a person effect on deals). */
  itemsPerPerson?: number | [number, number];
  /** Chance that a weak seller's item sells in an arm (default 0.5: about 175 deals an arm). */
  saleRate?: number;
  /** Added to the chance of a sale when the seller is strong (planted deals per person). */
  dealsEffect?: number;
  /** Strong sellers get this fraction more (0.12 = +12%). */
  sellerPremium?: number;
  /** Strong buyers pay this fraction less. */
  buyerDiscount?: number;
  /** Standard deviation of each deal's log-price noise (default 0.15). */
  noise?: number;
  /**
   * Standard deviation of each person's own effect on log price, kept across arms: one as seller, one
   * as buyer (a persona that bargains hard, say). Default 0.
   */
  personEffect?: number;
  strong?: string;
  weak?: string;
}

export interface ProjectDealData {
  arms: ArmInput[];
  /** Each person-arm's expected deals (as seller and buyer) given the tiers drawn: the deal-rate truth. */
  expectedDeals: { arm: string; person: string; tier: string; deals: number }[];
}

/**
 * Project Deal's design in deals and listings: the same people and items in four arms, two where
 * everyone has the strong tier and two where each person is strong or weak at random (a fresh draw in
 * each); every item sells in each arm by chance to a buyer drawn from the others. Price is the item's
 * base price times the planted tier effects, the seller's and buyer's own effects and log-normal noise.
 */
export function projectDealArms(options: ProjectDealOptions): ProjectDealData {
  const rng = createRng(options.seed);
  const n = options.people ?? 69;
  const range = options.itemsPerPerson ?? 5;
  const saleRate = options.saleRate ?? 0.5;
  const dealsEffect = options.dealsEffect ?? 0;
  const noise = options.noise ?? 0.15;
  const strong = options.strong ?? STRONG;
  const weak = options.weak ?? WEAK;
  const ids = Array.from({ length: n }, (_, p) => `p${String(p + 1).padStart(3, "0")}`);
  const personSd = options.personEffect ?? 0;
  const asSeller = ids.map(() => personSd * normal(rng));
  const asBuyer = ids.map(() => personSd * normal(rng));
  const counts = ids.map(() => (typeof range === "number" ? range : rng.int(range[0], range[1])));
  const base = counts.map((count) => Array.from({ length: count }, () => rng.int(10, 80) * 100));
  const design = [
    { id: "A-all-strong", arm: "A-all-strong", mixed: false },
    { id: "B-all-strong", arm: "B-all-strong", mixed: false },
    { id: "C-mixed", arm: "C-mixed", mixed: true },
    { id: "D-mixed", arm: "D-mixed", mixed: true },
  ];
  const expectedDeals: ProjectDealData["expectedDeals"] = [];
  const arms = design.map((spec, a): ArmInput => {
    const armRng = rng.fork(a);
    const tier = ids.map(() => (!spec.mixed || armRng.chance(0.5) ? strong : weak));
    const sale = tier.map((t) => saleRate + (t === strong ? dealsEffect : 0));
    const totalSales = sale.reduce((sum, q, p) => sum + counts[p]! * q, 0);
    ids.forEach((person, p) => {
      const own = counts[p]! * sale[p]!;
      expectedDeals.push({ arm: spec.id, person, tier: tier[p]!, deals: own + (totalSales - own) / (n - 1) });
    });
    const deals: DealRecord[] = [];
    const listings: ListingRecord[] = [];
    ids.forEach((seller, p) => {
      for (let i = 0; i < counts[p]!; i++) {
        const item = `${seller}/i${i + 1}`;
        const listing: ListingRecord = {
          arm: spec.id,
          item,
          title: item,
          seller,
          sellerTier: tier[p]!,
          askingPrice: Math.round(base[p]![i]! * 1.3),
          reserve: 1,
          sold: false,
        };
        listings.push(listing);
        if (!armRng.chance(sale[p]!)) continue;
        let b = armRng.int(0, n - 2);
        if (b >= p) b++;
        let factor = Math.exp(noise * normal(armRng) + asSeller[p]! + asBuyer[b]!);
        if (tier[p] === strong) factor *= 1 + (options.sellerPremium ?? 0);
        if (tier[b] === strong) factor *= 1 - (options.buyerDiscount ?? 0);
        const price = Math.max(1, Math.round(base[p]![i]! * factor));
        listing.sold = true;
        listing.price = price;
        deals.push({
          arm: spec.id,
          dealId: `${spec.id}-${deals.length + 1}`,
          item,
          seller,
          buyer: ids[b]!,
          sellerTier: tier[p]!,
          buyerTier: tier[b]!,
          price,
          askingPrice: listing.askingPrice,
        });
      }
    });
    return { id: spec.id, arm: spec.arm, repetition: 1, records: { deals, listings, wants: [] } };
  });
  return { arms, expectedDeals };
}
