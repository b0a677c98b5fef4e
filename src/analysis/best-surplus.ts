import { createRequire } from "node:module";
import type { Highs } from "highs";
import { type MatchEdge, maxWeightMatching } from "./matching.ts";
import { groupBy } from "./stats.ts";

// Its CommonJS build, whose shape its types describe: an ESM default import of it type-checks as the
// module object instead of the loader.
const loadHighs = (createRequire(import.meta.url)("highs") as { default: () => Promise<Highs> }).default;

/**
 * The best total surplus a market could have realised: pair wants (left) with listings (right), each
 * at most once, maximising the sum of (max price - reserve), subject to each buyer's budget: the
 * reserves of the listings a buyer gets must fit in their budget (the least they could have paid).
 *
 * Without budgets this is a maximum-weight matching, solved exactly and fast. Budgets make it a
 * knapsack-constrained matching (NP-hard in general), so when the best matching overruns a budget
 * the problem goes to HiGHS, an exact mixed-integer solver; a Project-Deal-sized market (1,800
 * possible pairs) takes about a second there.
 */
export interface SurplusEdge extends MatchEdge {
  /** What the pair costs the buyer's budget: the listing's reserve. */
  cost: number;
}

export interface SurplusProblem {
  /** Wants. */
  nLeft: number;
  /** Listings. */
  nRight: number;
  edges: readonly SurplusEdge[];
  /** The buyer of each want (an index into budgets). */
  owner: readonly number[];
  budgets: readonly number[];
}

export interface SurplusSolution {
  /** The best feasible total found. */
  best: number;
  /** A proven upper bound (equal to best when exact). */
  upper: number;
  exact: boolean;
  /** The best total without budgets. */
  unconstrained: number;
  /** Edges of the best feasible solution found. */
  chosen: number[];
  /** "matching" when the best matching already kept every budget; "mip" when the solver was needed. */
  method: "matching" | "mip";
}

let highs: Promise<Highs> | undefined;

function spendByOwner(problem: SurplusProblem, pairs: readonly number[]): Map<number, number> {
  const spend = new Map<number, number>();
  for (const k of pairs) {
    const owner = problem.owner[problem.edges[k]!.left]!;
    spend.set(owner, (spend.get(owner) ?? 0) + problem.edges[k]!.cost);
  }
  return spend;
}

const withinBudgets = (problem: SurplusProblem, pairs: readonly number[]) =>
  [...spendByOwner(problem, pairs)].every(([owner, spend]) => spend <= problem.budgets[owner]!);

const weightOf = (problem: SurplusProblem, pairs: readonly number[]) =>
  pairs.reduce((sum, k) => sum + problem.edges[k]!.weight, 0);

/**
 * A feasible solution near `pairs`: each overrun budget drops its pairs of least surplus per dollar
 * until it fits, then the freed wants and listings are refilled by value. A floor for when the solver
 * stops before it finds one.
 */
function withinBudgetsNear(problem: SurplusProblem, pairs: readonly number[]): number[] {
  const { edges, owner, budgets } = problem;
  const keep = new Set(pairs);
  const spend = spendByOwner(problem, pairs);
  for (const [buyer, total] of spend) {
    if (total <= budgets[buyer]!) continue;
    let left = total;
    const mine = pairs
      .filter((k) => owner[edges[k]!.left] === buyer)
      .sort((a, b) => edges[a]!.weight / (edges[a]!.cost || 1) - edges[b]!.weight / (edges[b]!.cost || 1));
    for (const k of mine) {
      if (left <= budgets[buyer]!) break;
      keep.delete(k);
      left -= edges[k]!.cost;
    }
    spend.set(buyer, left);
  }
  const usedLeft = new Set([...keep].map((k) => edges[k]!.left));
  const usedRight = new Set([...keep].map((k) => edges[k]!.right));
  const byValue = edges.map((_, k) => k).sort((a, b) => edges[b]!.weight - edges[a]!.weight);
  for (const k of byValue) {
    const edge = edges[k]!;
    const buyer = owner[edge.left]!;
    if (usedLeft.has(edge.left) || usedRight.has(edge.right)) continue;
    if ((spend.get(buyer) ?? 0) + edge.cost > budgets[buyer]!) continue;
    keep.add(k);
    usedLeft.add(edge.left);
    usedRight.add(edge.right);
    spend.set(buyer, (spend.get(buyer) ?? 0) + edge.cost);
  }
  return [...keep];
}

/**
 * The problem in CPLEX LP format: a binary per pair, at most one pair per want and per listing, and a
 * budget row for each buyer who could overrun it. The objective is whole cents, so a gap under one
 * cent proves the optimum.
 */
function lpModel(problem: SurplusProblem): string {
  const { edges } = problem;
  const indices = edges.map((_, k) => k);
  const byLeft = groupBy(indices, (k) => String(edges[k]!.left));
  const byRight = groupBy(indices, (k) => String(edges[k]!.right));
  const byOwner = groupBy(indices, (k) => String(problem.owner[edges[k]!.left]));
  const rows: string[] = [];
  const once = (prefix: string, map: Map<string, number[]>) => {
    for (const [key, ks] of map)
      if (ks.length > 1) rows.push(` ${prefix}${key}: ${ks.map((k) => `x${k}`).join(" + ")} <= 1`);
  };
  once("want", byLeft);
  once("listing", byRight);
  for (const [owner, ks] of byOwner) {
    const budget = problem.budgets[Number(owner)]!;
    if (ks.reduce((sum, k) => sum + edges[k]!.cost, 0) <= budget) continue;
    rows.push(` budget${owner}: ${ks.map((k) => `${edges[k]!.cost} x${k}`).join(" + ")} <= ${budget}`);
  }
  return [
    "Maximize",
    ` surplus: ${edges.map((edge, k) => `${edge.weight} x${k}`).join(" + ")}`,
    "Subject To",
    ...rows,
    "Binary",
    ` ${indices.map((k) => `x${k}`).join(" ")}`,
    "End",
  ].join("\n");
}

/**
 * Solves a problem exactly, or, past `timeLimitMs` (default 60 s) in the solver, returns the better of
 * its best solution and a repaired matching, with the matching's total as the proven upper bound.
 */
export async function bestSurplus(
  problem: SurplusProblem,
  options: { timeLimitMs?: number } = {},
): Promise<SurplusSolution> {
  const edges = problem.edges.filter((edge) => edge.weight > 0);
  const useful = problem.edges.flatMap((edge, k) => (edge.weight > 0 ? [k] : []));
  const positive: SurplusProblem = { ...problem, edges };
  const matching = maxWeightMatching(problem.nLeft, problem.nRight, edges);
  const unconstrained = matching.total;
  if (withinBudgets(positive, matching.chosen)) {
    const chosen = matching.chosen.map((k) => useful[k]!);
    return {
      best: unconstrained,
      upper: unconstrained,
      exact: true,
      unconstrained,
      chosen,
      method: "matching",
    };
  }
  highs ??= loadHighs();
  const solver = await highs;
  const result = solver.solve(lpModel(positive), {
    output_flag: false,
    mip_rel_gap: 0,
    mip_abs_gap: 0.99,
    time_limit: (options.timeLimitMs ?? 60_000) / 1000,
  });
  const picked: number[] = [];
  if (result.Status === "Optimal" || result.Status === "Time limit reached") {
    const columns = result.Columns as Record<string, { Primal?: number }>;
    for (const [name, column] of Object.entries(columns)) {
      if ((column.Primal ?? 0) > 0.5) picked.push(Number(name.slice(1)));
    }
  }
  const exact = result.Status === "Optimal";
  const solved = withinBudgets(positive, picked) ? picked : [];
  const near = withinBudgetsNear(positive, matching.chosen);
  const found = exact || weightOf(positive, solved) >= weightOf(positive, near) ? solved : near;
  const best = weightOf(positive, found);
  return {
    best,
    upper: exact ? best : unconstrained,
    exact,
    unconstrained,
    chosen: found.map((k) => useful[k]!).sort((a, b) => a - b),
    method: "mip",
  };
}
