import type { MarketEvent } from "../engine/event.ts";
import { appendEvents, toWriteError } from "./append-events.ts";
import { fromEventRow, type StoredEventRow } from "./event-rows.ts";
import type { EventStore, MarketRecord, NewMarket, ReadOptions } from "./event-store.ts";
import { migrate } from "./migrate.ts";
import type { SqlClient } from "./sql-client.ts";
import { StoreError } from "./store-error.ts";
import { toJson } from "./to-json.ts";

interface MarketRow {
  market_id: string;
  run_id: string;
  created_at: number | string;
  last_seq: number | string;
  meta: unknown;
}

/**
 * The store over any SqlClient: every query lives here, so the adapters differ only in how they
 * connect. `onClose` runs after the client is closed (the PGlite adapter releases its lock there).
 */
export function createSqlEventStore(
  kind: EventStore["kind"],
  client: SqlClient,
  onClose?: () => Promise<void> | void,
): EventStore {
  let closed = false;
  const locked = new Set<string>();
  const open = (): SqlClient => {
    if (closed) throw new StoreError("store/closed", `The ${kind} event store was used after close().`);
    return client;
  };

  return {
    kind,
    async migrate() {
      await migrate(open());
    },

    async createMarket(market: NewMarket) {
      const db = open();
      if (!Number.isSafeInteger(market.createdAt)) {
        throw new StoreError(
          "store/invalid-data",
          `createdAt of market ${market.marketId} must be integer ms.`,
        );
      }
      const meta =
        market.meta === undefined ? null : toJson(market.meta, `meta of market ${market.marketId}`);
      const inserted = await db
        .query(
          `INSERT INTO markets (market_id, run_id, created_at, meta) VALUES ($1, $2, $3, $4::jsonb)
           ON CONFLICT (market_id) DO NOTHING RETURNING market_id`,
          [market.marketId, market.runId, market.createdAt, meta],
        )
        .catch((error: unknown) => {
          throw toWriteError(error, `market ${market.marketId}`);
        });
      if (inserted.length > 0) return;
      const existing = await db.query<{ run_id: string }>("SELECT run_id FROM markets WHERE market_id = $1", [
        market.marketId,
      ]);
      const runId = existing[0]?.run_id;
      if (runId !== undefined && runId !== market.runId) {
        throw new StoreError(
          "store/market-exists",
          `Market ${market.marketId} already belongs to run ${runId}; market ids must be unique per ` +
            "database, so prefix them with the run id.",
        );
      }
    },

    async append(marketId: string, events: readonly MarketEvent[]) {
      await appendEvents(open(), marketId, events);
    },

    async read(marketId: string, options: ReadOptions = {}) {
      const rows = await open().query<StoredEventRow>(
        `SELECT seq, type, at, actor, key, body FROM events
         WHERE market_id = $1 AND seq >= $2 AND seq <= $3 ORDER BY seq`,
        [marketId, options.fromSeq ?? 1, options.toSeq ?? Number.MAX_SAFE_INTEGER],
      );
      return rows.map(fromEventRow);
    },

    async lastSeq(marketId: string) {
      const rows = await open().query<{ last_seq: number | string }>(
        "SELECT last_seq FROM markets WHERE market_id = $1",
        [marketId],
      );
      return rows[0] === undefined ? 0 : Number(rows[0].last_seq);
    },

    async listMarkets(runId?: string) {
      const rows = await open().query<MarketRow>(
        `SELECT market_id, run_id, created_at, last_seq, meta FROM markets
         WHERE $1::text IS NULL OR run_id = $1 ORDER BY created_at, market_id`,
        [runId ?? null],
      );
      return rows.map(toMarketRecord);
    },

    async putDocument(runId: string, name: string, body: unknown) {
      const json = toJson(body, `document ${name} of run ${runId}`);
      try {
        await open().query(
          `INSERT INTO documents (run_id, name, body) VALUES ($1, $2, $3::jsonb)
           ON CONFLICT (run_id, name) DO UPDATE SET body = excluded.body, updated_at = now()`,
          [runId, name, json],
        );
      } catch (error) {
        throw toWriteError(error, `document ${name} of run ${runId}`);
      }
    },

    async getDocument<T = unknown>(runId: string, name: string) {
      const rows = await open().query<{ body: T }>(
        "SELECT body FROM documents WHERE run_id = $1 AND name = $2",
        [runId, name],
      );
      return rows[0]?.body;
    },

    async lockMarket(marketId: string) {
      const db = open();
      const taken = () =>
        new StoreError(
          "store/locked",
          `Market ${marketId} is already run by another host; stop it first (or read it with haggle show).`,
        );
      if (locked.has(marketId)) throw taken();
      if (db.tryLock && !(await db.tryLock(marketId))) throw taken();
      locked.add(marketId);
    },

    async close() {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        await onClose?.();
      }
    },
  };
}

function toMarketRecord(row: MarketRow): MarketRecord {
  const record: MarketRecord = {
    marketId: row.market_id,
    runId: row.run_id,
    createdAt: Number(row.created_at),
    lastSeq: Number(row.last_seq),
  };
  if (row.meta !== null) record.meta = row.meta;
  return record;
}
