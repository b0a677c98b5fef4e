/**
 * Maximum-weight bipartite matching (not necessarily perfect) by successive shortest paths on a
 * min-cost flow network, with Dijkstra on reduced costs. Exact; each augmentation adds the most
 * valuable path, and it stops when no path adds value.
 */
export interface MatchEdge {
  left: number;
  right: number;
  /** Positive value of pairing left with right (edges with weight <= 0 are never worth using). */
  weight: number;
}

export interface Matching {
  total: number;
  /** Indices into the edges given, of the pairs chosen. */
  chosen: number[];
}

class MinHeap {
  private keys: number[] = [];
  private values: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  push(key: number, value: number): void {
    const keys = this.keys;
    const values = this.values;
    let i = keys.length;
    keys.push(key);
    values.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      keys[i] = keys[parent]!;
      values[i] = values[parent]!;
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }
  clear(): void {
    this.keys.length = 0;
    this.values.length = 0;
  }
  topKey(): number {
    return this.keys[0]!;
  }
  /** Removes the smallest key and returns its value. */
  pop(): number {
    const keys = this.keys;
    const values = this.values;
    const top = values[0]!;
    const lastKey = keys.pop()!;
    const lastValue = values.pop()!;
    if (keys.length > 0) {
      let i = 0;
      const n = keys.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && keys[r]! < keys[l]! ? r : l;
        if (keys[c]! >= lastKey) break;
        keys[i] = keys[c]!;
        values[i] = values[c]!;
        i = c;
      }
      keys[i] = lastKey;
      values[i] = lastValue;
    }
    return top;
  }
}

export function maxWeightMatching(nLeft: number, nRight: number, edges: readonly MatchEdge[]): Matching {
  // Only the vertices that have an edge take part; renumber them compactly.
  const leftId = new Int32Array(nLeft).fill(-1);
  const rightId = new Int32Array(nRight).fill(-1);
  let nl = 0;
  let nr = 0;
  let m = 0;
  for (const edge of edges) {
    if (edge.weight <= 0) continue;
    m++;
    if (leftId[edge.left] === -1) leftId[edge.left] = nl++;
    if (rightId[edge.right] === -1) rightId[edge.right] = nr++;
  }
  const source = nl + nr;
  const sink = source + 1;
  const nodes = sink + 1;
  const arcs = 2 * (m + nl + nr);
  // Residual graph as arc arrays; arc a and a ^ 1 are each other's reverse.
  const to = new Int32Array(arcs);
  const cap = new Int8Array(arcs);
  const cost = new Float64Array(arcs);
  const next = new Int32Array(arcs);
  const head = new Int32Array(nodes).fill(-1);
  let count = 0;
  const addArc = (u: number, v: number, c: number, w: number) => {
    to[count] = v;
    cap[count] = c;
    cost[count] = w;
    next[count] = head[u]!;
    head[u] = count++;
  };
  const edgeArc = new Int32Array(edges.length).fill(-1);
  edges.forEach((edge, index) => {
    if (edge.weight <= 0) return;
    edgeArc[index] = count;
    const u = leftId[edge.left]!;
    const v = nl + rightId[edge.right]!;
    addArc(u, v, 1, -edge.weight);
    addArc(v, u, 0, edge.weight);
  });
  for (let i = 0; i < nl; i++) {
    addArc(source, i, 1, 0);
    addArc(i, source, 0, 0);
  }
  for (let j = 0; j < nr; j++) {
    addArc(nl + j, sink, 1, 0);
    addArc(sink, nl + j, 0, 0);
  }
  // Initial potentials: shortest distances in the acyclic starting network.
  const potential = new Float64Array(nodes);
  for (let a = 0; a < 2 * m; a += 2) potential[to[a]!] = Math.min(potential[to[a]!]!, cost[a]!);
  for (let j = 0; j < nr; j++) potential[sink] = Math.min(potential[sink]!, potential[nl + j]!);
  const dist = new Float64Array(nodes);
  const parentArc = new Int32Array(nodes);
  const heap = new MinHeap();
  for (;;) {
    dist.fill(Number.POSITIVE_INFINITY);
    dist[source] = 0;
    heap.push(0, source);
    while (heap.size > 0) {
      const d = heap.topKey();
      const u = heap.pop();
      if (d > dist[u]!) continue;
      // Stop at the sink: every node then moves by at most its distance (potentials stay valid).
      if (u === sink) break;
      const pu = potential[u]!;
      for (let a = head[u]!; a !== -1; a = next[a]!) {
        if (cap[a]! <= 0) continue;
        const v = to[a]!;
        const nd = d + cost[a]! + pu - potential[v]!;
        if (nd < dist[v]! - 1e-9) {
          dist[v] = nd;
          parentArc[v] = a;
          heap.push(nd, v);
        }
      }
    }
    heap.clear();
    const reach = dist[sink]!;
    if (reach === Number.POSITIVE_INFINITY) break;
    const pathCost = reach + potential[sink]! - potential[source]!;
    if (pathCost >= -1e-9) break;
    for (let v = 0; v < nodes; v++) potential[v]! += Math.min(dist[v]!, reach);
    for (let v = sink; v !== source; ) {
      const a = parentArc[v]!;
      cap[a]! -= 1;
      cap[a ^ 1]! += 1;
      v = to[a ^ 1]!;
    }
  }
  const chosen: number[] = [];
  edgeArc.forEach((arc, index) => {
    if (arc >= 0 && cap[arc] === 0) chosen.push(index);
  });
  return { total: chosen.reduce((sum, index) => sum + edges[index]!.weight, 0), chosen };
}
