import { type ErrorKind, HaggleError } from "../domain/errors.ts";

/** Stable reasons a store refuses or fails; callers branch on these, never on message text. */
export type StoreErrorCode =
  /** The first seq of an append is past the stored last seq + 1, or the batch skips a number. */
  | "store/sequence-gap"
  /** A seq in the append is already stored, or repeats inside the batch. */
  | "store/duplicate-seq"
  /** Append to a market that `createMarket` never created. */
  | "store/unknown-market"
  /** `createMarket` with an id another run already uses: market ids are unique per database. */
  | "store/market-exists"
  /** An event or document that PostgreSQL cannot store (non-integer seq or time, U+0000 in text...). */
  | "store/invalid-data"
  /** The database server or data folder cannot be reached or opened. */
  | "store/unreachable"
  /** Another process (or another store in this one) has the PGlite data folder open. */
  | "store/locked"
  /** The database was migrated by a newer Haggle than this one. */
  | "store/schema-too-new"
  /** Bad arguments to an open function (a malformed URL, a bad schema name). */
  | "store/invalid-options"
  /** The store was used after `close()`. */
  | "store/closed";

/**
 * Any failure of the event store that a caller may want to handle. The message is a sentence a
 * person can act on (it names the market, folder or masked URL); `cause` keeps the driver error.
 */
export class StoreError extends HaggleError {
  override name = "StoreError";
  declare readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, {
      code,
      kind: STORE_ERROR_KINDS[code],
      ...(options && "cause" in options ? { cause: options.cause } : {}),
    });
  }
}

/** Each store code's kind: what the CLI's exit code and an HTTP status follow. */
export const STORE_ERROR_KINDS: Record<StoreErrorCode, ErrorKind> = {
  // A writer's log and the stored one disagree: the state clashes with the request.
  "store/sequence-gap": "conflict",
  "store/duplicate-seq": "conflict",
  "store/unknown-market": "not-found",
  "store/market-exists": "conflict",
  "store/invalid-data": "bad-input",
  "store/unreachable": "unavailable",
  // Another process has the data folder open: stop it or use another folder (exit code 2).
  "store/locked": "conflict",
  // Migrated by a newer Haggle: upgrade, or use another database.
  "store/schema-too-new": "conflict",
  "store/invalid-options": "bad-input",
  // Using a closed store is a bug in the caller.
  "store/closed": "internal",
};

/** True when `error` is a StoreError, optionally with the given code. */
export function isStoreError(error: unknown, code?: StoreErrorCode): error is StoreError {
  return error instanceof StoreError && (code === undefined || error.code === code);
}
