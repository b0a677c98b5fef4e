import type { AnalysisResults } from "../../analysis/analyze.ts";
import { toCsv } from "../../analysis/csv.ts";
import type { ArmRecords } from "../../analysis/deal-record.ts";
import { PERSONA_GROUP_LABELS } from "../../analysis/persona-groups.ts";

/** A CSV table of the report: `tables/<name>.csv`. */
export interface Table {
  name: string;
  csv: string;
}

const dollars = (cents: number | undefined) => (cents === undefined ? undefined : (cents / 100).toFixed(2));

/**
 * The CSV tables written beside the report. Money columns end in `_cents` (integer cents), except
 * deals.csv, which is in the deals-file input format (money in dollars) so it can be analysed again.
 */
export function reportTables(results: AnalysisResults, records: ArmRecords): Table[] {
  const tables: Table[] = [];
  const add = <T extends Record<string, unknown>>(name: string, columns: (keyof T & string)[], rows: T[]) =>
    tables.push({ name, csv: toCsv(columns, rows) });
  add(
    "arms",
    [
      "arm",
      "arm_name",
      "repetition",
      "participants",
      "listings",
      "deals",
      "volume_cents",
      "sale_rate",
      "median_price_cents",
    ],
    results.arms.map((a) => ({
      arm: a.arm,
      arm_name: a.armName,
      repetition: a.repetition,
      participants: a.participants,
      listings: a.listings,
      deals: a.deals,
      volume_cents: a.volume,
      sale_rate: a.saleRate,
      median_price_cents: a.medianPrice,
    })),
  );
  add(
    "tier-effects",
    [
      "method",
      "side",
      "tier",
      "reference",
      "percent",
      "percent_low",
      "percent_high",
      "cents",
      "cents_low",
      "cents_high",
      "p_value",
      "deals",
      "adjusted",
    ],
    results.tierEffects.contrasts.map((c) => ({
      method: results.tierEffects.method,
      side: c.side,
      tier: c.tier,
      reference: c.reference,
      percent: c.percent.estimate,
      percent_low: c.percent.low,
      percent_high: c.percent.high,
      cents: c.cents.estimate,
      cents_low: c.cents.low,
      cents_high: c.cents.high,
      p_value: c.pValue,
      deals: c.deals,
      adjusted: c.adjusted,
    })),
  );
  add(
    "participation",
    [
      "arm",
      "tier",
      "participants",
      "deals_as_seller",
      "deals_as_buyer",
      "per_person_as_seller",
      "per_person_as_buyer",
      "earned_cents",
      "spent_cents",
      "listings",
      "sale_rate",
      "wants",
      "wants_filled",
    ],
    results.participation.map((p) => ({
      arm: p.arm,
      tier: p.tier,
      participants: p.participants,
      deals_as_seller: p.dealsAsSeller,
      deals_as_buyer: p.dealsAsBuyer,
      per_person_as_seller: p.perPersonAsSeller,
      per_person_as_buyer: p.perPersonAsBuyer,
      earned_cents: p.earned,
      spent_cents: p.spent,
      listings: p.listings,
      sale_rate: p.saleRate,
      wants: p.wants,
      wants_filled: p.wantsFilled,
    })),
  );
  add(
    "tier-prices",
    [
      "side",
      "tier",
      "deals",
      "mean_price_cents",
      "comparable_deals",
      "vs_item_average",
      "vs_item_average_low",
      "vs_item_average_high",
    ],
    results.tierPrices.map((t) => ({
      side: t.side,
      tier: t.tier,
      deals: t.deals,
      mean_price_cents: t.meanPrice,
      comparable_deals: t.comparableDeals,
      vs_item_average: t.vsItemAverage?.estimate,
      vs_item_average_low: t.vsItemAverage?.low,
      vs_item_average_high: t.vsItemAverage?.high,
    })),
  );
  add(
    "price-matrix",
    ["seller_tier", "buyer_tier", "deals", "mean_price_cents", "comparable_deals", "vs_item_average"],
    results.priceMatrix.cells.map((c) => ({
      seller_tier: c.sellerTier,
      buyer_tier: c.buyerTier,
      deals: c.deals,
      mean_price_cents: c.meanPrice,
      comparable_deals: c.comparableDeals,
      vs_item_average: c.vsItemAverage,
    })),
  );
  add(
    "same-item",
    ["item", "title", "arm", "price_cents", "seller_tier", "buyer_tier", "item_gap_cents", "item_gap_ratio"],
    results.sameItem.items.flatMap((item) =>
      item.sales.map((sale) => ({
        item: item.item,
        title: item.title,
        arm: sale.arm,
        price_cents: sale.price,
        seller_tier: sale.sellerTier,
        buyer_tier: sale.buyerTier,
        item_gap_cents: item.gap,
        item_gap_ratio: item.gapRatio,
      })),
    ),
  );
  add(
    "persona",
    [
      "side",
      "group",
      "label",
      "people",
      "deals",
      "price",
      "price_low",
      "price_high",
      "surplus_share",
      "success_rate",
      "opportunities",
    ],
    results.persona.map((p) => ({
      side: p.side,
      group: p.group,
      label: PERSONA_GROUP_LABELS[p.group],
      people: p.people,
      deals: p.deals,
      price: p.price?.estimate,
      price_low: p.price?.low,
      price_high: p.price?.high,
      surplus_share: p.surplusShare,
      success_rate: p.successRate,
      opportunities: p.opportunities,
    })),
  );
  add(
    "efficiency",
    [
      "arm",
      "rule",
      "deals",
      "deals_with_limits",
      "realised_surplus_cents",
      "best_surplus_cents",
      "upper_bound_cents",
      "exact",
      "efficiency",
      "efficiency_at_least",
      "unconstrained_surplus_cents",
      "best_pairs",
      "possible_pairs",
      "method",
    ],
    results.efficiency.map((e) => ({
      arm: e.arm,
      rule: e.rule,
      deals: e.deals,
      deals_with_limits: e.dealsWithLimits,
      realised_surplus_cents: e.realisedSurplus,
      best_surplus_cents: e.bestSurplus,
      upper_bound_cents: e.upperBound,
      exact: e.exact,
      efficiency: e.efficiency,
      efficiency_at_least: e.efficiencyAtLeast,
      unconstrained_surplus_cents: e.unconstrainedSurplus,
      best_pairs: e.bestPairs,
      possible_pairs: e.possiblePairs,
      method: e.method,
    })),
  );
  add(
    "surplus-shares",
    ["side", "tier", "deals", "share", "share_low", "share_high", "mean_surplus_cents"],
    results.surplusShares.byTier.map((s) => ({
      side: s.side,
      tier: s.tier,
      deals: s.deals,
      share: s.share.estimate,
      share_low: s.share.low,
      share_high: s.share.high,
      mean_surplus_cents: s.meanSurplus,
    })),
  );
  add(
    "surplus-shares-by-deal",
    ["arm", "deal_id", "item", "side", "participant", "tier", "counterpart_tier", "share", "surplus_cents"],
    results.surplusShares.shares.map((s) => ({
      arm: s.arm,
      deal_id: s.dealId,
      item: s.item,
      side: s.side,
      participant: s.participant,
      tier: s.tier,
      counterpart_tier: s.counterpartTier,
      share: s.share,
      surplus_cents: s.surplus,
    })),
  );
  add(
    "deals",
    [
      "arm",
      "deal_id",
      "item",
      "title",
      "category",
      "seller",
      "buyer",
      "seller_tier",
      "buyer_tier",
      "price",
      "asking_price",
      "reserve",
      "max_price",
      "seller_persona",
      "buyer_persona",
      "rounds",
    ],
    records.deals.map((d) => ({
      arm: d.arm,
      deal_id: d.dealId,
      item: d.item,
      title: d.title,
      category: d.category,
      seller: d.seller,
      buyer: d.buyer,
      seller_tier: d.sellerTier,
      buyer_tier: d.buyerTier,
      price: dollars(d.price),
      asking_price: dollars(d.askingPrice),
      reserve: dollars(d.reserve),
      max_price: dollars(d.maxPrice),
      seller_persona: d.sellerPersona,
      buyer_persona: d.buyerPersona,
      rounds: d.rounds,
    })),
  );
  if (results.perception) {
    add(
      "perception",
      ["tier", "side", "responses", "mean_fairness", "mean_satisfaction", "would_pay_rate", "mean_share"],
      results.perception.byTier.map((p) => ({
        tier: p.tier,
        side: p.side,
        responses: p.responses,
        mean_fairness: p.meanFairness,
        mean_satisfaction: p.meanSatisfaction,
        would_pay_rate: p.wouldPayRate,
        mean_share: p.meanShare,
      })),
    );
  }
  return tables;
}
