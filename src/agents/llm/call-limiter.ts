/**
 * Caps the model calls in flight, per provider (`llm.concurrency`), so a market whose agents decide
 * together does not fire hundreds of requests at one provider at once. Calls beyond the cap wait
 * their turn in the order they came. `inFlight` and `waiting` are for progress output.
 */
export class CallLimiter {
  private readonly running = new Map<string, number>();
  private readonly queues = new Map<string, (() => void)[]>();

  constructor(readonly maxPerProvider: number) {
    if (!Number.isInteger(maxPerProvider) || maxPerProvider < 1) {
      throw new RangeError(`llm.concurrency must be a whole number of at least 1, got ${maxPerProvider}`);
    }
  }

  /** Calls in flight across providers. */
  get inFlight(): number {
    let total = 0;
    for (const count of this.running.values()) total += count;
    return total;
  }

  /** Calls waiting for a slot across providers. */
  get waiting(): number {
    let total = 0;
    for (const queue of this.queues.values()) total += queue.length;
    return total;
  }

  async run<T>(provider: string, call: () => PromiseLike<T>): Promise<T> {
    if ((this.running.get(provider) ?? 0) >= this.maxPerProvider) {
      await new Promise<void>((resolve) => {
        const queue = this.queues.get(provider) ?? [];
        queue.push(resolve);
        this.queues.set(provider, queue);
      });
    } else {
      this.running.set(provider, (this.running.get(provider) ?? 0) + 1);
    }
    try {
      return await call();
    } finally {
      // The slot passes straight to the next waiter, so the count only drops when nobody waits.
      const next = this.queues.get(provider)?.shift();
      if (next) next();
      else this.running.set(provider, this.running.get(provider)! - 1);
    }
  }
}
