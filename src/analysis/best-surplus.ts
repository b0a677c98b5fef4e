import { type MatchEdge, maxWeightMatching } from "./matching.ts";

/**
 * The best total surplus a market could have realised: pair wants (left) with listings (right), each
 * at most once, maximising the sum of (max price - reserve), subject to each buyer's budget: the
 * reserves of the listings a buyer gets must fit in their budget (the least they could have paid).
 *
 * Exact by branch and bound. Each node solves the matching without budgets (an upper bound for its
 * subtree). When a buyer's pairs overrun the budget, at least one of them must go; the children are
 * "drop pair 1", "keep pair 1, drop pair 2", ..., which split the feasible solutions without overlap.
 * Nodes are explored best bound first; the search stops when no open bound beats the best feasible
 * solution (exact) or at the node limit (then the answer is the best found and a proven upper bound).
 * The problem splits into independent components (wants linked by a shared buyer or a shared listing).
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
  nodes: number;
}

interface Node {
  bound: number;
  forced: number[];
  forbidden: number[];
}

function components(problem: SurplusProblem): number[][] {
  const parent = Array.from({ length: problem.nLeft }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[ra] = rb;
  };
  const firstOfOwner = new Map<number, number>();
  const firstOfRight = new Map<number, number>();
  for (const edge of problem.edges) {
    const owner = problem.owner[edge.left]!;
    const o = firstOfOwner.get(owner);
    if (o === undefined) firstOfOwner.set(owner, edge.left);
    else union(o, edge.left);
    const r = firstOfRight.get(edge.right);
    if (r === undefined) firstOfRight.set(edge.right, edge.left);
    else union(r, edge.left);
  }
  const groups = new Map<number, number[]>();
  problem.edges.forEach((edge, index) => {
    const root = find(edge.left);
    let group = groups.get(root);
    if (!group) {
      group = [];
      groups.set(root, group);
    }
    group.push(index);
  });
  return [...groups.values()];
}

class MaxQueue {
  private items: Node[] = [];
  get size(): number {
    return this.items.length;
  }
  push(node: Node): void {
    const items = this.items;
    items.push(node);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent]!.bound >= node.bound) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = node;
  }
  pop(): Node {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= items.length) break;
        const r = l + 1;
        const c = r < items.length && items[r]!.bound > items[l]!.bound ? r : l;
        if (items[c]!.bound <= last.bound) break;
        items[i] = items[c]!;
        i = c;
      }
      items[i] = last;
    }
    return top;
  }
  peekBound(): number {
    return this.items[0]?.bound ?? Number.NEGATIVE_INFINITY;
  }
}

function solveComponent(
  problem: SurplusProblem,
  edgeIds: readonly number[],
  nodeLimit: number,
  deadline: number,
): SurplusSolution {
  const edges = edgeIds.map((id) => problem.edges[id]!);
  const ownerOf = (k: number) => problem.owner[edges[k]!.left]!;
  let nodes = 0;
  const relax = (
    forced: readonly number[],
    forbidden: readonly number[],
  ): { bound: number; pairs: number[] } => {
    nodes++;
    const banned = new Set(forbidden);
    const takenLeft = new Set<number>();
    const takenRight = new Set<number>();
    let forcedWeight = 0;
    for (const k of forced) {
      takenLeft.add(edges[k]!.left);
      takenRight.add(edges[k]!.right);
      forcedWeight += edges[k]!.weight;
    }
    const open: number[] = [];
    for (let k = 0; k < edges.length; k++) {
      const edge = edges[k]!;
      if (banned.has(k) || takenLeft.has(edge.left) || takenRight.has(edge.right)) continue;
      open.push(k);
    }
    const matching = maxWeightMatching(
      problem.nLeft,
      problem.nRight,
      open.map((k) => edges[k]!),
    );
    return {
      bound: forcedWeight + matching.total,
      pairs: [...forced, ...matching.chosen.map((i) => open[i]!)],
    };
  };
  const spendOf = (pairs: readonly number[]) => {
    const spend = new Map<number, number>();
    for (const k of pairs) spend.set(ownerOf(k), (spend.get(ownerOf(k)) ?? 0) + edges[k]!.cost);
    return spend;
  };
  const over = (pairs: readonly number[]) => {
    let worst = -1;
    let worstBy = 0;
    for (const [owner, spend] of spendOf(pairs)) {
      const by = spend - problem.budgets[owner]!;
      if (by > worstBy) {
        worstBy = by;
        worst = owner;
      }
    }
    return worst;
  };
  /** A feasible solution near `pairs`: drop the least value per budget dollar, then refill greedily. */
  const repair = (pairs: readonly number[], forced: readonly number[]): number[] => {
    const keep = new Set(pairs);
    const spend = spendOf(pairs);
    const fixed = new Set(forced);
    for (const [owner, total] of spend) {
      let left = total;
      const budget = problem.budgets[owner]!;
      if (left <= budget) continue;
      const mine = pairs
        .filter((k) => ownerOf(k) === owner && !fixed.has(k))
        .sort((a, b) => edges[a]!.weight / (edges[a]!.cost || 1) - edges[b]!.weight / (edges[b]!.cost || 1));
      for (const k of mine) {
        if (left <= budget) break;
        keep.delete(k);
        left -= edges[k]!.cost;
      }
      spend.set(owner, left);
    }
    const usedLeft = new Set([...keep].map((k) => edges[k]!.left));
    const usedRight = new Set([...keep].map((k) => edges[k]!.right));
    const order = edges.map((_, k) => k).sort((a, b) => edges[b]!.weight - edges[a]!.weight);
    for (const k of order) {
      const edge = edges[k]!;
      const owner = ownerOf(k);
      if (usedLeft.has(edge.left) || usedRight.has(edge.right)) continue;
      if ((spend.get(owner) ?? 0) + edge.cost > problem.budgets[owner]!) continue;
      keep.add(k);
      usedLeft.add(edge.left);
      usedRight.add(edge.right);
      spend.set(owner, (spend.get(owner) ?? 0) + edge.cost);
    }
    return [...keep];
  };
  const weightOf = (pairs: readonly number[]) => pairs.reduce((sum, k) => sum + edges[k]!.weight, 0);

  const root = relax([], []);
  const unconstrained = root.bound;
  let best: number[] = [];
  let bestWeight = 0;
  const consider = (pairs: number[]) => {
    const weight = weightOf(pairs);
    if (weight > bestWeight) {
      bestWeight = weight;
      best = pairs;
    }
  };
  const queue = new MaxQueue();
  const expand = (node: Node, pairs: number[]) => {
    const owner = over(pairs);
    if (owner < 0) {
      consider(pairs);
      return;
    }
    consider(repair(pairs, node.forced));
    const forcedSet = new Set(node.forced);
    const branch = pairs
      .filter((k) => ownerOf(k) === owner && !forcedSet.has(k))
      .sort((a, b) => edges[b]!.cost - edges[a]!.cost);
    let forcedCost = node.forced
      .filter((k) => ownerOf(k) === owner)
      .reduce((sum, k) => sum + edges[k]!.cost, 0);
    const forced = [...node.forced];
    for (const k of branch) {
      if (forcedCost > problem.budgets[owner]!) break;
      queue.push({ bound: node.bound, forced: [...forced], forbidden: [...node.forbidden, k] });
      forced.push(k);
      forcedCost += edges[k]!.cost;
    }
  };
  expand({ bound: root.bound, forced: [], forbidden: [] }, root.pairs);
  let upper = Math.max(bestWeight, queue.peekBound());
  while (queue.size > 0) {
    if (queue.peekBound() <= bestWeight + 1e-9) break;
    if (nodes >= nodeLimit || performance.now() > deadline) break;
    const node = queue.pop();
    const solved = relax(node.forced, node.forbidden);
    if (solved.bound <= bestWeight + 1e-9) continue;
    expand({ ...node, bound: solved.bound }, solved.pairs);
  }
  const exact = queue.size === 0 || queue.peekBound() <= bestWeight + 1e-9;
  upper = exact ? bestWeight : Math.max(bestWeight, queue.peekBound());
  return { best: bestWeight, upper, exact, unconstrained, chosen: best.map((k) => edgeIds[k]!), nodes };
}

/** Options: `nodeLimit` (default 20000 matchings) and `timeLimitMs` (default 60 s) bound the search. */
export function bestSurplus(
  problem: SurplusProblem,
  options: { nodeLimit?: number; timeLimitMs?: number } = {},
): SurplusSolution {
  const nodeLimit = options.nodeLimit ?? 20000;
  const deadline = performance.now() + (options.timeLimitMs ?? 60_000);
  const total: SurplusSolution = { best: 0, upper: 0, exact: true, unconstrained: 0, chosen: [], nodes: 0 };
  for (const component of components(problem)) {
    const solved = solveComponent(problem, component, nodeLimit, deadline);
    total.best += solved.best;
    total.upper += solved.upper;
    total.exact &&= solved.exact;
    total.unconstrained += solved.unconstrained;
    total.chosen.push(...solved.chosen);
    total.nodes += solved.nodes;
  }
  return total;
}
