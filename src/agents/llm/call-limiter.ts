/** A run's model calls as progress output shows them. */
export interface ModelTraffic {
  /** Calls a provider is answering now. */
  inFlight: number;
  /** Calls waiting for a slot under `llm.concurrency`. */
  waiting: number;
  /** Calls waiting out a backoff before their next attempt (a 429's retry-after, a 5xx, a timeout). */
  backingOff: number;
  /** Rate-limit answers (HTTP 429) so far. */
  rateLimited: number;
}

/**
 * Caps the model calls in flight, per provider (`llm.concurrency`), so a market whose agents decide
 * together does not fire hundreds of requests at one provider at once. Calls beyond the cap wait
 * their turn in the order they came. It also counts what progress output shows (`traffic()`).
 */
export class CallLimiter {
  private readonly running = new Map<string, number>();
  private readonly queues = new Map<string, (() => void)[]>();
  private backing = 0;
  private limited = 0;

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

  /** Across providers: the calls in flight, waiting for a slot and backing off, and the 429s so far. */
  traffic(): ModelTraffic {
    return {
      inFlight: this.inFlight,
      waiting: this.waiting,
      backingOff: this.backing,
      rateLimited: this.limited,
    };
  }

  /**
   * Waits out a backoff, counted for progress output. It holds no slot: the call waits outside the
   * cap, so a provider that rate-limits one call does not stall the others' turns.
   */
  async backOff(wait: () => Promise<void>, rateLimited: boolean): Promise<void> {
    if (rateLimited) this.limited++;
    this.backing++;
    try {
      await wait();
    } finally {
      this.backing--;
    }
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
