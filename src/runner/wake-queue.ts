/** A wake-up: participant `who` looks at the market at time `at`. */
export interface WakeUp {
  at: number;
  who: string;
  reason: "start" | "browse" | "reply" | "match";
  /** Insertion order: breaks ties so the queue is deterministic. */
  order: number;
}

/**
 * A binary min-heap of wake-ups ordered by time then insertion. Each participant keeps at most one
 * live wake-up: scheduling an earlier one supersedes the later (stale entries are skipped on pop).
 */
export class WakeQueue {
  private heap: WakeUp[] = [];
  private next = new Map<string, number>();
  private counter = 0;

  get size(): number {
    return this.next.size;
  }

  /** Schedules `who` at `at` unless they already wake earlier or at the same time. */
  schedule(who: string, at: number, reason: WakeUp["reason"]): void {
    const current = this.next.get(who);
    if (current !== undefined && current <= at) return;
    this.next.set(who, at);
    this.push({ at, who, reason, order: this.counter++ });
  }

  /** The earliest live wake-up, or undefined when none remain. */
  pop(): WakeUp | undefined {
    while (this.heap.length > 0) {
      const top = this.popRaw()!;
      if (this.next.get(top.who) === top.at) {
        this.next.delete(top.who);
        return top;
      }
    }
    return undefined;
  }

  peekTime(): number | undefined {
    while (this.heap.length > 0) {
      const top = this.heap[0]!;
      if (this.next.get(top.who) === top.at) return top.at;
      this.popRaw();
    }
    return undefined;
  }

  private less(a: WakeUp, b: WakeUp): boolean {
    return a.at < b.at || (a.at === b.at && a.order < b.order);
  }

  private push(item: WakeUp): void {
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private popRaw(): WakeUp | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && this.less(heap[left]!, heap[smallest]!)) smallest = left;
        if (right < heap.length && this.less(heap[right]!, heap[smallest]!)) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
        i = smallest;
      }
    }
    return top;
  }
}
