import { errorBase } from "../domain/errors.ts";
import type { MarketEvent } from "../engine/event.ts";
import { canonicalJson } from "../engine/fingerprint.ts";

/** Where a market's events go. `flush` makes everything written so far durable. */
export interface EventSink {
  write(events: readonly MarketEvent[]): void;
  flush(): Promise<void>;
}

export class LogDivergenceError extends errorBase("conflict", "runner/log-divergence") {
  override name = "LogDivergenceError";
}

/**
 * Buffers events and appends them in large batches (one transaction each), so a store that costs
 * per statement is paid per batch. With `stored`, the first events must equal the stored log (a
 * resumed run re-derives them) and only the events after it are appended.
 */
export class BatchingSink implements EventSink {
  private buffer: MarketEvent[] = [];
  private seen = 0;
  private writing: Promise<void> = Promise.resolve();
  private lastFlush = Date.now();
  private appended = 0;

  constructor(
    private readonly append: (events: MarketEvent[]) => Promise<void>,
    private readonly options: {
      batchSize?: number;
      /** Wall-clock ms after which a partial batch is written anyway, so a long run is durable as it goes. */
      maxDelayMs?: number;
      stored?: readonly MarketEvent[];
    } = {},
  ) {}

  write(events: readonly MarketEvent[]): void {
    const stored = this.options.stored ?? [];
    for (const event of events) {
      if (this.seen < stored.length) {
        const expected = stored[this.seen]!;
        if (canonicalJson(expected) !== canonicalJson(event)) {
          throw new LogDivergenceError(
            `the re-derived event ${event.seq} (${event.type}) differs from the stored one (${expected.type}); the run's config, seed or code changed since it started`,
          );
        }
        this.seen++;
        continue;
      }
      this.seen++;
      this.buffer.push(event);
    }
    if (
      this.buffer.length >= (this.options.batchSize ?? 5000) ||
      (this.buffer.length > 0 && Date.now() - this.lastFlush >= (this.options.maxDelayMs ?? 500))
    ) {
      void this.startFlush();
    }
  }

  /** Events known to be in the store: the stored prefix plus every batch appended since. */
  get durable(): number {
    return (this.options.stored?.length ?? 0) + this.appended;
  }

  /** True once every stored event has been re-derived (the resumed run is back at its frontier). */
  get caughtUp(): boolean {
    return this.seen >= (this.options.stored?.length ?? 0);
  }

  private startFlush(): Promise<void> {
    this.lastFlush = Date.now();
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length > 0) {
      this.writing = this.writing.then(async () => {
        await this.append(batch);
        this.appended += batch.length;
      });
      // Marks the failure handled until `flush` awaits it, so a failed write surfaces there, not as a crash.
      this.writing.catch(() => {});
    }
    return this.writing;
  }

  flush(): Promise<void> {
    return this.startFlush();
  }
}

/** Keeps events in memory; for tests and one-off negotiations. */
export class MemorySink implements EventSink {
  readonly events: MarketEvent[] = [];
  write(events: readonly MarketEvent[]): void {
    this.events.push(...events);
  }
  async flush(): Promise<void> {}
}
