/** One schema change. Ids sort in the order they apply; a shipped migration is never edited. */
export interface Migration {
  id: string;
  sql: string;
}

/**
 * The schema, shared by both adapters: it must run unchanged on PGlite (PostgreSQL 18 in WASM)
 * and on PostgreSQL 15+. Times are integer milliseconds in `bigint`, money lives in the JSON bodies
 * as integer cents.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    id: "0001-event-log",
    sql: `
      CREATE TABLE markets (
        market_id  text   PRIMARY KEY,
        run_id     text   NOT NULL,
        created_at bigint NOT NULL,
        -- Kept with the market so an append can lock one row and check continuity cheaply.
        last_seq   bigint NOT NULL DEFAULT 0,
        meta       jsonb
      );
      CREATE INDEX markets_run_idx ON markets (run_id, created_at);

      CREATE TABLE events (
        market_id text   NOT NULL REFERENCES markets (market_id) ON DELETE CASCADE,
        seq       bigint NOT NULL CHECK (seq > 0),
        type      text   NOT NULL,
        at        bigint NOT NULL,
        actor     text   NOT NULL,
        key       text,
        -- The payload: the event minus the columns above.
        body      jsonb  NOT NULL,
        PRIMARY KEY (market_id, seq)
      );

      CREATE TABLE documents (
        run_id     text        NOT NULL,
        name       text        NOT NULL,
        body       jsonb       NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (run_id, name)
      );
    `,
  },
];

/**
 * Key of the advisory lock held while migrating, so processes opening one PostgreSQL database
 * at the same time apply each migration once.
 */
export const MIGRATION_LOCK_KEY = 48_617_001;
