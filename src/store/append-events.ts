import type { MarketEvent } from "../engine/event.ts";
import { assertContiguous, toEventRow } from "./event-rows.ts";
import { type SqlClient, type SqlQueryable, sqlState } from "./sql-client.ts";
import { StoreError } from "./store-error.ts";
import { toJson } from "./to-json.ts";

/** Events per INSERT; each chunk travels as one JSON parameter. */
const CHUNK_SIZE = 2000;

// json_to_recordset rather than multi-row VALUES: one parameter however many rows (PostgreSQL
// caps a statement at 65,535), the same SQL on both drivers, and it measured fastest on both.
const recordset = (parameter: string) => `json_to_recordset(${parameter}::json)
  AS r(seq bigint, type text, at bigint, actor text, key text, body jsonb)`;

// Moves last_seq on only if it still is first - 1, and inserts only if it did: the check, the
// row lock (concurrent appenders to one market queue on it) and the write in one statement. Alone
// it is atomic without BEGIN/COMMIT, which matters on PGlite where each statement costs ~0.2 ms.
const APPEND_FIRST_CHUNK = `
  WITH bumped AS (
    UPDATE markets SET last_seq = $3 WHERE market_id = $1 AND last_seq = $2 RETURNING market_id
  ), inserted AS (
    INSERT INTO events (market_id, seq, type, at, actor, key, body)
    SELECT bumped.market_id, r.seq, r.type, r.at, r.actor, r.key, r.body FROM bumped, ${recordset("$4")}
  )
  SELECT count(*)::int AS bumped FROM bumped`;

const APPEND_MORE = `
  INSERT INTO events (market_id, seq, type, at, actor, key, body)
  SELECT $1, r.seq, r.type, r.at, r.actor, r.key, r.body FROM ${recordset("$2")}`;

/**
 * Appends a batch all or nothing, refusing seqs that do not run on from the stored last seq.
 * A batch of up to 2,000 events is one statement; a larger one is one transaction.
 */
export async function appendEvents(client: SqlClient, marketId: string, events: readonly MarketEvent[]) {
  if (events.length === 0) return;
  const rows = events.map((event) => toEventRow(marketId, event));
  assertContiguous(marketId, rows);
  const first = rows[0]!.seq;
  const last = rows[rows.length - 1]!.seq;
  const chunks: string[] = [];
  for (let start = 0; start < rows.length; start += CHUNK_SIZE) {
    const chunk = rows.slice(start, start + CHUNK_SIZE);
    chunks.push(toJson(chunk, `events ${chunk[0]!.seq}.. of market ${marketId}`));
  }
  const write = async (db: SqlQueryable): Promise<void> => {
    const [result] = await db.query<{ bumped: number }>(APPEND_FIRST_CHUNK, [
      marketId,
      first - 1,
      last,
      chunks[0],
    ]);
    if (result?.bumped !== 1) throw await explainRefusal(db, marketId, first);
    for (const chunk of chunks.slice(1)) await db.query(APPEND_MORE, [marketId, chunk]);
  };
  try {
    if (chunks.length === 1) await write(client);
    else await client.transaction(write);
  } catch (error) {
    throw toWriteError(error, `events ${first}..${last} of market ${marketId}`);
  }
}

/** Why the market's last seq was not `first - 1`: it does not exist, or the batch overlaps or skips. */
async function explainRefusal(db: SqlQueryable, marketId: string, first: number): Promise<StoreError> {
  const [market] = await db.query<{ last_seq: number | string }>(
    "SELECT last_seq FROM markets WHERE market_id = $1",
    [marketId],
  );
  const stored = market === undefined ? undefined : Number(market.last_seq);
  if (stored === undefined || stored === first - 1) {
    // The second case: the market was created while this append ran; it did not exist for it.
    return new StoreError(
      "store/unknown-market",
      `Market ${marketId} does not exist; call createMarket first.`,
    );
  }
  return new StoreError(
    first <= stored ? "store/duplicate-seq" : "store/sequence-gap",
    `Market ${marketId} has events up to seq ${stored}, so the next must be ${stored + 1}; got ${first}.`,
  );
}

/** Turns the driver errors a write can hit into StoreErrors; anything else passes through. */
export function toWriteError(error: unknown, what: string): unknown {
  if (error instanceof StoreError) return error;
  const state = sqlState(error);
  // 22P05: U+0000 in text, which PostgreSQL cannot store; 22P02: malformed JSON (a lone surrogate).
  if (state === "22P05" || state === "22P02") {
    const detail = error instanceof Error ? error.message : String(error);
    return new StoreError(
      "store/invalid-data",
      `PostgreSQL cannot store ${what}: ${detail}. Strip U+0000 and unpaired surrogates from text first.`,
      { cause: error },
    );
  }
  // Only reachable if a writer bypassed this code; the log itself is still intact.
  if (state === "23505") {
    return new StoreError("store/duplicate-seq", `Some of ${what} are already stored.`, { cause: error });
  }
  return error;
}
