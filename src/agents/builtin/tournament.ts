import type { Agent } from "../agent.ts";
import { buyerLimitOf, type NegotiationSetup, runNegotiation } from "./run-negotiation.ts";
import { revealsSecret } from "./secret-guard.ts";

/** One negotiation of a tournament, reduced to what the tables need. */
export interface TournamentRun {
  scenario: number;
  seller: string;
  buyer: string;
  dealPossible: boolean;
  agreed: boolean;
  price?: number;
  askingPrice: number;
  rounds: number;
  sellerAdvantage: number | null;
  buyerAdvantage: number | null;
  nashProduct: number | null;
  nashDistance: number | null;
  /** The deal broke the seller's reserve or the buyer's limit (must never happen: the engine refuses it). */
  outsideLimits: boolean;
  /** Messages that wrote one of their author's secret numbers (must be 0), by author. */
  leaks: { seller: number; buyer: number };
}

export interface TournamentOptions {
  specs: readonly string[];
  scenarios: readonly NegotiationSetup[];
  makeAgent: (spec: string, context: { participantId: string; seed: number }) => Agent | Promise<Agent>;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Every spec against every spec, in both roles, on every scenario. */
export async function runTournament(options: TournamentOptions): Promise<TournamentRun[]> {
  const runs: TournamentRun[] = [];
  const total = options.scenarios.length * options.specs.length ** 2;
  const seed = options.seed ?? 1;
  for (const [index, setup] of options.scenarios.entries()) {
    const buyerLimit = buyerLimitOf(setup);
    for (const sellerSpec of options.specs) {
      for (const buyerSpec of options.specs) {
        const seller = await options.makeAgent(sellerSpec, {
          participantId: "seller",
          seed: seed * 7919 + index * 2,
        });
        const buyer = await options.makeAgent(buyerSpec, {
          participantId: "buyer",
          seed: seed * 7919 + index * 2 + 1,
        });
        const result = await runNegotiation({ setup, seller, buyer }).finally(() =>
          Promise.all([seller.close?.(), buyer.close?.()]),
        );
        const leaks = { seller: 0, buyer: 0 };
        for (const event of result.events) {
          if (event.type !== "message-posted") continue;
          const author = event.actor === "seller" ? "seller" : "buyer";
          const secrets =
            author === "seller"
              ? [setup.item.reserve]
              : [setup.buyer.maxPrice, ...(setup.buyer.budget !== undefined ? [setup.buyer.budget] : [])];
          if (revealsSecret(event.message.text, secrets)) leaks[author]++;
        }
        runs.push({
          scenario: index,
          seller: sellerSpec,
          buyer: buyerSpec,
          dealPossible: result.scores.dealPossible,
          agreed: result.agreed,
          ...(result.price !== undefined ? { price: result.price } : {}),
          askingPrice: setup.item.askingPrice,
          rounds: result.rounds,
          sellerAdvantage: result.scores.sellerAdvantage,
          buyerAdvantage: result.scores.buyerAdvantage,
          nashProduct: result.scores.nashProduct,
          nashDistance: result.scores.nashDistance,
          outsideLimits: result.agreed && (result.price! < setup.item.reserve || result.price! > buyerLimit),
          leaks,
        });
        options.onProgress?.(runs.length, total);
      }
    }
  }
  return runs;
}

/** One row of the per-agent table. Rates and means are over the scenarios where a deal was possible. */
export interface AgentRow {
  spec: string;
  negotiations: number;
  possible: number;
  agreementRate: number;
  meanAdvantage: number;
  sellerAdvantage: number;
  buyerAdvantage: number;
  /** Mean offers per side in negotiations that ended in a deal. */
  meanRounds: number;
  nashProduct: number;
  nashDistance: number;
  /** Deals agreed where none was possible, or outside a limit; must be 0. */
  violations: number;
  leaks: number;
}

const mean = (values: number[]): number =>
  values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : 0;

export function agentTable(runs: readonly TournamentRun[], specs: readonly string[]): AgentRow[] {
  return specs
    .map((spec) => {
      const asSeller = runs.filter((run) => run.seller === spec);
      const asBuyer = runs.filter((run) => run.buyer === spec);
      const sides = [
        ...asSeller.map((run) => ({ run, advantage: run.sellerAdvantage, leaks: run.leaks.seller })),
        ...asBuyer.map((run) => ({ run, advantage: run.buyerAdvantage, leaks: run.leaks.buyer })),
      ];
      const possible = sides.filter((side) => side.run.dealPossible);
      return {
        spec,
        negotiations: sides.length,
        possible: possible.length,
        agreementRate: mean(possible.map((side) => (side.run.agreed ? 1 : 0))),
        meanAdvantage: mean(possible.map((side) => side.advantage ?? 0)),
        sellerAdvantage: mean(
          asSeller.filter((run) => run.dealPossible).map((run) => run.sellerAdvantage ?? 0),
        ),
        buyerAdvantage: mean(asBuyer.filter((run) => run.dealPossible).map((run) => run.buyerAdvantage ?? 0)),
        meanRounds: mean(sides.filter((side) => side.run.agreed).map((side) => side.run.rounds)),
        nashProduct: mean(possible.map((side) => side.run.nashProduct ?? 0)),
        nashDistance: mean(possible.map((side) => side.run.nashDistance ?? 0)),
        violations: sides.filter(
          (side) => side.run.outsideLimits || (side.run.agreed && !side.run.dealPossible),
        ).length,
        leaks: sides.reduce((sum, side) => sum + side.leaks, 0),
      };
    })
    .sort((a, b) => b.meanAdvantage - a.meanAdvantage);
}

/**
 * Mean advantage of each spec against each other spec, over both roles and the scenarios where a deal
 * was possible: `matrix[a][b]` is what `a` gets facing `b`.
 */
export function headToHead(
  runs: readonly TournamentRun[],
  specs: readonly string[],
): Record<string, Record<string, number>> {
  const matrix: Record<string, Record<string, number>> = {};
  for (const a of specs) {
    matrix[a] = {};
    for (const b of specs) {
      const values = runs.flatMap((run) => {
        if (!run.dealPossible) return [];
        const out: number[] = [];
        if (run.seller === a && run.buyer === b) out.push(run.sellerAdvantage ?? 0);
        if (run.buyer === a && run.seller === b) out.push(run.buyerAdvantage ?? 0);
        return out;
      });
      matrix[a]![b] = mean(values);
    }
  }
  return matrix;
}

/** Strong against weak on the same items: the 2x2 price matrix and the seller premium and buyer discount. */
export interface TierGap {
  /** Mean price as a share of the asking price, by seller spec then buyer spec (deals only). */
  matrix: Record<string, Record<string, { deals: number; priceShare: number }>>;
  /** Against a weak counterpart: (strong seller's price - weak seller's price) / weak seller's price, same items. */
  sellerPremiumVsWeak: number;
  /** Against a weak counterpart: (weak buyer's price - strong buyer's price) / weak buyer's price, same items. */
  buyerDiscountVsWeak: number;
  /** As in a mixed market (counterpart strong or weak, half each): seller premium of strong over weak. */
  sellerPremiumMixed: number;
  /** As in a mixed market: buyer discount of strong over weak. */
  buyerDiscountMixed: number;
  /** The same in cents per item (mixed). */
  sellerPremiumCents: number;
  buyerDiscountCents: number;
}

export function tierGap(runs: readonly TournamentRun[], strong: string, weak: string): TierGap {
  const price = new Map<string, number>();
  for (const run of runs) if (run.agreed) price.set(`${run.scenario}|${run.seller}|${run.buyer}`, run.price!);
  const scenarios = [...new Set(runs.map((run) => run.scenario))];
  const matrix: TierGap["matrix"] = {};
  for (const seller of [strong, weak]) {
    matrix[seller] = {};
    for (const buyer of [strong, weak]) {
      const cell = runs.filter((run) => run.seller === seller && run.buyer === buyer && run.agreed);
      matrix[seller]![buyer] = {
        deals: cell.length,
        priceShare: mean(cell.map((run) => run.price! / run.askingPrice)),
      };
    }
  }
  /**
   * Gap of the strong cell over the weak cell of each pair, over scenarios where both agreed, relative to
   * the weak cell's mean price. `sign` is +1 when a higher price is better for the side compared.
   */
  const gap = (pairs: [string, string][], sign: 1 | -1): { relative: number; cents: number } => {
    const deltas: number[] = [];
    const bases: number[] = [];
    for (const scenario of scenarios) {
      for (const [strongCell, weakCell] of pairs) {
        const withStrong = price.get(`${scenario}|${strongCell}`);
        const withWeak = price.get(`${scenario}|${weakCell}`);
        if (withStrong === undefined || withWeak === undefined) continue;
        deltas.push(sign * (withStrong - withWeak));
        bases.push(withWeak);
      }
    }
    return { relative: mean(deltas) / (mean(bases) || 1), cents: mean(deltas) };
  };
  const sellerVsWeak = gap([[`${strong}|${weak}`, `${weak}|${weak}`]], 1);
  const buyerVsWeak = gap([[`${weak}|${strong}`, `${weak}|${weak}`]], -1);
  const sellerMixed = gap(
    [
      [`${strong}|${weak}`, `${weak}|${weak}`],
      [`${strong}|${strong}`, `${weak}|${strong}`],
    ],
    1,
  );
  const buyerMixed = gap(
    [
      [`${weak}|${strong}`, `${weak}|${weak}`],
      [`${strong}|${strong}`, `${strong}|${weak}`],
    ],
    -1,
  );
  return {
    matrix,
    sellerPremiumVsWeak: sellerVsWeak.relative,
    buyerDiscountVsWeak: buyerVsWeak.relative,
    sellerPremiumMixed: sellerMixed.relative,
    buyerDiscountMixed: buyerMixed.relative,
    sellerPremiumCents: sellerMixed.cents,
    buyerDiscountCents: buyerMixed.cents,
  };
}
