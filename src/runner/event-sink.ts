import { errorBase } from "../domain/errors.ts";
import type { MarketEvent } from "../engine/event.ts";
import { canonicalJson } from "../engine/fingerprint.ts";

/**
 * Where a market's events go, in order. `flush` makes everything written so far durable; `durable`
 * counts the events known to be stored (seqs run from 1, so it is also the last durable seq), and
 * `onDurable` is told each time it grows, which is when subscribers may see them.
 */
export interface EventSink {
  write(events: readonly MarketEvent[]): void;
  flush(): Promise<void>;
  readonly durable: number;
  onDurable(listener: (durable: number) => void): () => void;
  /** Durable events with `fromSeq <= seq <= toSeq`, in order. */
  read(fromSeq: number, toSeq: number): Promise<MarketEvent[]>;
  /** Told when a write fails in the background, before anyone flushes. */
  onFailure?(listener: (error: Error) => void): () => void;
}

/** Listeners told of each new value (a durable count, a failure). */
class Listeners<T> {
  private listeners = new Set<(value: T) => void>();
  add(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  tell(value: T): void {
    for (const listener of this.listeners) listener(value);
  }
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
  private timer: NodeJS.Timeout | undefined;
  private readonly failureListeners = new Listeners<Error>();
  private readonly listeners = new Listeners<number>();

  constructor(
    private readonly append: (events: MarketEvent[]) => Promise<void>,
    private readonly options: {
      batchSize?: number;
      /** Wall-clock ms after which a partial batch is written anyway, so a long run is durable as it goes. */
      maxDelayMs?: number;
      /** The stored log, which the first events written must equal (a re-derived run). */
      stored?: readonly MarketEvent[];
      /** How many events the log already holds that will not be written again (a replayed run). */
      after?: number;
      /** Reads durable events back from where `append` put them. */
      read?: (fromSeq: number, toSeq: number) => Promise<MarketEvent[]>;
    } = {},
  ) {}

  onDurable(listener: (durable: number) => void): () => void {
    return this.listeners.add(listener);
  }

  onFailure(listener: (error: Error) => void): () => void {
    return this.failureListeners.add(listener);
  }

  read(fromSeq: number, toSeq: number): Promise<MarketEvent[]> {
    if (!this.options.read) return Promise.reject(new Error("this sink cannot read its events back"));
    return this.options.read(fromSeq, Math.min(toSeq, this.durable));
  }

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
    } else if (this.buffer.length > 0 && !this.timer) {
      // A live market can go quiet for minutes: what it said last is written by the deadline anyway.
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.startFlush();
      }, this.options.maxDelayMs ?? 500);
      this.timer.unref();
    }
  }

  /** Events known to be in the store: the stored prefix plus every batch appended since. */
  get durable(): number {
    return (this.options.stored?.length ?? this.options.after ?? 0) + this.appended;
  }

  /** True once every stored event has been re-derived (the resumed run is back at its frontier). */
  get caughtUp(): boolean {
    return this.seen >= (this.options.stored?.length ?? 0);
  }

  private startFlush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastFlush = Date.now();
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length > 0) {
      this.writing = this.writing.then(async () => {
        await this.append(batch);
        this.appended += batch.length;
        this.listeners.tell(this.durable);
      });
      // Marks the failure handled until `flush` awaits it, so a failed write surfaces there, not as a
      // crash; whoever watches is told at once (a live market must not run on, unlogged, for minutes).
      this.writing.catch((error: Error) => this.failureListeners.tell(error));
    }
    return this.writing;
  }

  flush(): Promise<void> {
    return this.startFlush();
  }
}

/** Keeps events in memory, durable at once; for tests and one-off negotiations. */
export class MemorySink implements EventSink {
  readonly events: MarketEvent[] = [];
  private readonly listeners = new Listeners<number>();
  write(events: readonly MarketEvent[]): void {
    this.events.push(...events);
    if (events.length > 0) this.listeners.tell(this.events.length);
  }
  async flush(): Promise<void> {}
  get durable(): number {
    return this.events.length;
  }
  onDurable(listener: (durable: number) => void): () => void {
    return this.listeners.add(listener);
  }
  async read(fromSeq: number, toSeq: number): Promise<MarketEvent[]> {
    return this.events.slice(Math.max(0, fromSeq - 1), Math.max(0, toSeq));
  }
}
