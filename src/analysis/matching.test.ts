import { describe, expect, it } from "vitest";
import { createRng } from "../domain/random.ts";
import { bestSurplus, type SurplusEdge } from "./best-surplus.ts";
import { type MatchEdge, maxWeightMatching } from "./matching.ts";

/** Every matching, by brute force, within budgets when given. */
function bruteForce(
  nLeft: number,
  edges: readonly SurplusEdge[],
  owner?: readonly number[],
  budgets?: readonly number[],
): number {
  let best = 0;
  const usedRight = new Set<number>();
  const spend = new Map<number, number>();
  const visit = (left: number, total: number) => {
    if (left === nLeft) {
      best = Math.max(best, total);
      return;
    }
    visit(left + 1, total);
    for (const edge of edges) {
      if (edge.left !== left || usedRight.has(edge.right) || edge.weight <= 0) continue;
      const o = owner?.[left] ?? 0;
      const s = (spend.get(o) ?? 0) + edge.cost;
      if (budgets && s > budgets[o]!) continue;
      usedRight.add(edge.right);
      spend.set(o, s);
      visit(left + 1, total + edge.weight);
      spend.set(o, s - edge.cost);
      usedRight.delete(edge.right);
    }
  };
  visit(0, 0);
  return best;
}

function randomProblem(seed: number) {
  const rng = createRng(seed);
  const nLeft = rng.int(2, 7);
  const nRight = rng.int(2, 7);
  const edges: SurplusEdge[] = [];
  for (let i = 0; i < nLeft; i++)
    for (let j = 0; j < nRight; j++)
      if (rng.chance(0.45)) edges.push({ left: i, right: j, weight: rng.int(1, 50), cost: rng.int(5, 40) });
  const buyers = rng.int(1, 3);
  const owner = Array.from({ length: nLeft }, () => rng.int(0, buyers - 1));
  const budgets = Array.from({ length: buyers }, () => rng.int(20, 90));
  return { nLeft, nRight, edges, owner, budgets };
}

/** The chosen pairs add up to `best`, use each want and listing once, and keep every budget. */
function expectFeasible(
  problem: ReturnType<typeof randomProblem>,
  solved: { best: number; chosen: number[] },
) {
  expect(solved.best).toBe(solved.chosen.reduce((sum, k) => sum + problem.edges[k]!.weight, 0));
  const spend = new Map<number, number>();
  for (const k of solved.chosen) {
    const o = problem.owner[problem.edges[k]!.left]!;
    spend.set(o, (spend.get(o) ?? 0) + problem.edges[k]!.cost);
  }
  for (const [o, s] of spend) expect(s).toBeLessThanOrEqual(problem.budgets[o]!);
  const lefts = solved.chosen.map((k) => problem.edges[k]!.left);
  const rights = solved.chosen.map((k) => problem.edges[k]!.right);
  expect(new Set(lefts).size).toBe(lefts.length);
  expect(new Set(rights).size).toBe(rights.length);
}

describe("maxWeightMatching", () => {
  it("matches brute force on 300 random small graphs", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { nLeft, nRight, edges } = randomProblem(seed);
      const matching = maxWeightMatching(nLeft, nRight, edges);
      expect(matching.total).toBe(bruteForce(nLeft, edges));
      const lefts = matching.chosen.map((k) => edges[k]!.left);
      const rights = matching.chosen.map((k) => edges[k]!.right);
      expect(new Set(lefts).size).toBe(lefts.length);
      expect(new Set(rights).size).toBe(rights.length);
    }
  });

  it("prefers one heavy pair over two light ones, and ignores non-positive edges", () => {
    const edges: MatchEdge[] = [
      { left: 0, right: 0, weight: 10 },
      { left: 0, right: 1, weight: 4 },
      { left: 1, right: 0, weight: 4 },
      { left: 1, right: 1, weight: -3 },
    ];
    expect(maxWeightMatching(2, 2, edges)).toEqual({ total: 10, chosen: [0] });
  });
});

describe("bestSurplus", () => {
  it("is exact against brute force with budgets on 300 random small problems", async () => {
    const methods = new Set<string>();
    for (let seed = 1; seed <= 300; seed++) {
      const problem = randomProblem(seed);
      const solved = await bestSurplus(problem);
      methods.add(solved.method);
      expect(solved.exact).toBe(true);
      expect(solved.best).toBe(bruteForce(problem.nLeft, problem.edges, problem.owner, problem.budgets));
      expect(solved.upper).toBe(solved.best);
      expect(solved.unconstrained).toBeGreaterThanOrEqual(solved.best);
      expectFeasible(problem, solved);
    }
    // Both paths were taken: budgets that never bind, and the solver where they do.
    expect([...methods].sort()).toEqual(["matching", "mip"]);
  });

  it("stopped before the solver finds anything, still gives a feasible floor and a proven bound", async () => {
    let stopped = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const problem = randomProblem(seed);
      const truth = bruteForce(problem.nLeft, problem.edges, problem.owner, problem.budgets);
      const solved = await bestSurplus(problem, { timeLimitMs: 0 });
      expect(solved.best).toBeLessThanOrEqual(truth);
      expect(solved.upper).toBeGreaterThanOrEqual(truth);
      expectFeasible(problem, solved);
      if (!solved.exact) {
        stopped++;
        expect(solved.best).toBeGreaterThan(0);
      }
    }
    expect(stopped).toBeGreaterThan(0);
  });

  it("ignores pairs worth nothing and keeps the caller's edge numbers", async () => {
    const solved = await bestSurplus({
      nLeft: 2,
      nRight: 2,
      edges: [
        { left: 0, right: 0, weight: -5, cost: 1 },
        { left: 0, right: 1, weight: 30, cost: 60 },
        { left: 1, right: 0, weight: 20, cost: 50 },
      ],
      owner: [0, 0],
      budgets: [100],
    });
    expect(solved).toMatchObject({ best: 30, upper: 30, exact: true, unconstrained: 50, chosen: [1] });
  });
});
