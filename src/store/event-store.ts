import type { MarketEvent } from "../engine/event.ts";

/** What `createMarket` records about a market before its first event. */
export interface NewMarket {
  /** Unique per database, across runs: prefix it with the run id when arms reuse names. */
  marketId: string;
  runId: string;
  /** Milliseconds on the clock the caller uses (virtual or wall). */
  createdAt: number;
  /** Any JSON the caller wants to find the market by later (arm name, tier assignment...). */
  meta?: unknown;
}

/** A market as `listMarkets` reports it. */
export interface MarketRecord {
  marketId: string;
  runId: string;
  createdAt: number;
  /** The seq of the last stored event; 0 while the log is empty. */
  lastSeq: number;
  meta?: unknown;
}

/** A seq range to read; both ends are inclusive and optional. */
export interface ReadOptions {
  fromSeq?: number;
  toSeq?: number;
}

/**
 * The append-only event log of every market, plus a small JSON key-value for run metadata.
 * Two adapters implement it with the same SQL: PGlite (embedded, the default) and PostgreSQL.
 * Failures the caller can act on throw a `StoreError` with a stable `code`.
 *
 * @example
 * const store = await openStore({ dataDir: "runs/2025-12-01/db" });
 * await store.createMarket({ marketId: "run1/arm-a", runId: "run1", createdAt: 0 });
 * await store.append("run1/arm-a", events); // seqs 1..n
 * const log = await store.read("run1/arm-a");
 * await store.close();
 */
export interface EventStore {
  readonly kind: "pglite" | "postgres";
  /** Applies pending migrations. Idempotent; the open functions already call it. */
  migrate(): Promise<void>;
  /**
   * Registers a market. Idempotent for the same id and run; an id already used by another run
   * throws `store/market-exists` rather than mixing two logs.
   */
  createMarket(market: NewMarket): Promise<void>;
  /**
   * Appends events atomically: all of them or none. Their seqs must run on, without gaps, from the
   * last stored seq (`store/sequence-gap`, `store/duplicate-seq`); the market must exist
   * (`store/unknown-market`). An empty batch is a no-op.
   */
  append(marketId: string, events: readonly MarketEvent[]): Promise<void>;
  /** The events of a market ordered by seq; [] for an unknown market. */
  read(marketId: string, options?: ReadOptions): Promise<MarketEvent[]>;
  /** The last stored seq of a market; 0 when it has no events or does not exist. */
  lastSeq(marketId: string): Promise<number>;
  /** Markets ordered by creation time, optionally of one run only. */
  listMarkets(runId?: string): Promise<MarketRecord[]>;
  /** Stores or replaces a JSON document (config, seeds, assignments, results) of a run. */
  putDocument(runId: string, name: string, body: unknown): Promise<void>;
  /** A document as stored, or undefined when there is none. */
  getDocument<T = unknown>(runId: string, name: string): Promise<T | undefined>;
  /**
   * Takes the writer lock of a market until the store closes, so one host at a time writes its log:
   * a second taker, through this store or another, in this process or another, gets `store/locked`.
   * PostgreSQL holds it as a session advisory lock; PGlite's data folder is already locked per
   * process, so there it only refuses a second taker through the same store.
   */
  lockMarket(marketId: string): Promise<void>;
  /** Releases the database; further calls throw `store/closed`. Safe to call twice. */
  close(): Promise<void>;
}
