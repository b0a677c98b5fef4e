import { createRng } from "../domain/random.ts";
import type { DealRecord, ListingRecord, WantRecord } from "./deal-record.ts";
import { itemDemeanedLogPrices, logToPercent } from "./item-demean.ts";
import { PERSONA_GROUPS, type PersonaGroup, personaGroup } from "./persona-groups.ts";
import { clusteredMean, groupBy, type Interval } from "./stats.ts";

/** How the people of one persona group did, on one side of the market. */
export interface PersonaEffect {
  side: "seller" | "buyer";
  group: PersonaGroup;
  /** Distinct people in the group (per arm). */
  people: number;
  deals: number;
  /**
   * Sellers: the price as a fraction of the asking price, minus 1 (-0.12 = sold 12% under asking).
   * The same seller lists the same item in every arm, so an item fixed effect would absorb the
   * seller's persona; the asking price is the comparison instead.
   * Buyers: how much above the same item's average price they paid (item fixed effect), as a fraction
   * (-0.05 = paid 5% less); needs items sold in several arms.
   * 95% interval resampling items.
   */
  price?: Interval;
  /** Mean share of the deal's surplus this side got. */
  surplusShare?: number;
  /** Sellers: share of listings sold. Buyers: share of wants that got a deal. */
  successRate?: number;
  /** Listings (sellers) or wants (buyers): the denominator of the success rate. */
  opportunities?: number;
}

function summarise(
  side: "seller" | "buyer",
  deals: readonly DealRecord[],
  listings: readonly ListingRecord[],
  wants: readonly WantRecord[],
  options: { seed: number; bootstrap: number },
): PersonaEffect[] {
  const rng = createRng(options.seed).fork(`persona-${side}`);
  const personaOf = (deal: DealRecord) => (side === "seller" ? deal.sellerPersona : deal.buyerPersona);
  const demeaned = side === "buyer" ? itemDemeanedLogPrices(deals) : undefined;
  const byGroup = groupBy(deals, (deal) => personaGroup(personaOf(deal)));
  const opportunities =
    side === "seller"
      ? groupBy(
          listings.filter((l) => l.sellerPersona !== undefined),
          (l) => personaGroup(l.sellerPersona),
        )
      : groupBy(
          wants.filter((w) => w.buyerPersona !== undefined),
          (w) => personaGroup(w.buyerPersona),
        );
  const out: PersonaEffect[] = [];
  for (const group of PERSONA_GROUPS) {
    const mine = byGroup.get(group) ?? [];
    const chances = opportunities.get(group) ?? [];
    if (mine.length === 0 && chances.length === 0) continue;
    const people = new Set([
      ...mine.map((deal) => `${deal.arm}|${side === "seller" ? deal.seller : deal.buyer}`),
      ...chances.map((c) => `${c.arm}|${"seller" in c ? c.seller : c.buyer}`),
    ]).size;
    let price: Interval | undefined;
    if (side === "seller") {
      const priced = mine.filter((deal) => deal.askingPrice !== undefined && deal.askingPrice > 0);
      if (priced.length > 0) {
        const clusters = [...groupBy(priced, (deal) => deal.item).values()].map((g) =>
          g.map((deal) => deal.price / deal.askingPrice! - 1),
        );
        const { n: _n, ...interval } = clusteredMean(clusters, rng.fork(group), options.bootstrap);
        price = interval;
      }
    } else {
      const priced = mine.filter((deal) => demeaned!.has(deal));
      if (priced.length > 0) {
        const clusters = [...groupBy(priced, (deal) => deal.item).values()].map((g) =>
          g.map((deal) => demeaned!.get(deal)!),
        );
        const { n: _n, ...interval } = clusteredMean(clusters, rng.fork(group), options.bootstrap);
        price = {
          estimate: logToPercent(interval.estimate),
          ...(interval.low !== undefined ? { low: logToPercent(interval.low) } : {}),
          ...(interval.high !== undefined ? { high: logToPercent(interval.high) } : {}),
        };
      }
    }
    const withLimits = mine.filter(
      (deal) => deal.reserve !== undefined && deal.maxPrice !== undefined && deal.maxPrice > deal.reserve,
    );
    const shares = withLimits.map((deal) => {
      const seller = (deal.price - deal.reserve!) / (deal.maxPrice! - deal.reserve!);
      return side === "seller" ? seller : 1 - seller;
    });
    out.push({
      side,
      group,
      people,
      deals: mine.length,
      ...(price ? { price } : {}),
      ...(shares.length > 0 ? { surplusShare: shares.reduce((a, b) => a + b, 0) / shares.length } : {}),
      ...(chances.length > 0
        ? {
            opportunities: chances.length,
            successRate:
              side === "seller"
                ? chances.filter((c) => (c as ListingRecord).sold).length / chances.length
                : Math.min(1, mine.length / chances.length),
          }
        : {}),
    });
  }
  return out;
}

/** The effect of persona/strategy instructions, grouped, on price, surplus share and success. */
export function personaEffects(
  deals: readonly DealRecord[],
  listings: readonly ListingRecord[],
  wants: readonly WantRecord[],
  options: { seed?: number; bootstrap?: number } = {},
): PersonaEffect[] {
  const settings = { seed: options.seed ?? 1, bootstrap: options.bootstrap ?? 1000 };
  return [
    ...summarise("seller", deals, listings, wants, settings),
    ...summarise("buyer", deals, listings, wants, settings),
  ];
}
