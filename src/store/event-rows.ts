import type { MarketEvent } from "../engine/event.ts";
import { StoreError } from "./store-error.ts";

/** An event as stored: the meta fields get columns, the rest of the payload is `body`. */
export interface EventRow {
  seq: number;
  type: string;
  at: number;
  actor: string;
  key?: string;
  body: Record<string, unknown>;
}

/** Splits an event into its row, refusing what the columns cannot hold. */
export function toEventRow(marketId: string, event: MarketEvent): EventRow {
  const { seq, at, actor, key, type, ...body } = event;
  const where = `event ${String(seq)} of market ${marketId}`;
  if (!Number.isSafeInteger(seq) || seq < 1) {
    throw new StoreError("store/invalid-data", `${where}: seq must be a positive integer.`);
  }
  if (!Number.isSafeInteger(at)) {
    throw new StoreError(
      "store/invalid-data",
      `${where}: at must be integer milliseconds, got ${String(at)}.`,
    );
  }
  if (typeof actor !== "string" || typeof type !== "string") {
    throw new StoreError("store/invalid-data", `${where}: actor and type must be strings.`);
  }
  if (key !== undefined && typeof key !== "string") {
    throw new StoreError("store/invalid-data", `${where}: key must be a string when present.`);
  }
  return key === undefined ? { seq, type, at, actor, body } : { seq, type, at, actor, key, body };
}

/** What a `SELECT seq, type, at, actor, key, body` returns; pg hands bigints back as strings. */
export interface StoredEventRow {
  seq: number | string;
  type: string;
  at: number | string;
  actor: string;
  key: string | null;
  body: Record<string, unknown>;
}

/** Rebuilds the event, meta fields first as the engine writes them; a null key stays absent. */
export function fromEventRow(row: StoredEventRow): MarketEvent {
  const meta = { seq: Number(row.seq), at: Number(row.at), actor: row.actor };
  const keyed = row.key === null ? meta : { ...meta, key: row.key };
  return { ...keyed, type: row.type, ...row.body } as MarketEvent;
}

/**
 * Checks a batch is numbered n, n+1, n+2... before touching the database, so a bad batch is
 * refused whole. Continuity with what is stored is checked inside the append transaction.
 */
export function assertContiguous(marketId: string, rows: readonly EventRow[]): void {
  for (let index = 1; index < rows.length; index++) {
    const previous = rows[index - 1]!.seq;
    const seq = rows[index]!.seq;
    if (seq === previous + 1) continue;
    const code = seq > previous + 1 ? "store/sequence-gap" : "store/duplicate-seq";
    throw new StoreError(
      code,
      `Events for market ${marketId} must have consecutive seqs; ${seq} follows ${previous} in the batch.`,
    );
  }
}
