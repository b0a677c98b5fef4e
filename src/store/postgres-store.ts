import pg from "pg";
import { maskUrl } from "./database-url.ts";
import type { EventStore } from "./event-store.ts";
import { MIGRATION_LOCK_KEY } from "./migrations.ts";

/** The advisory-lock key space of market writer locks (the second key is the market's hash). */
const MARKET_LOCK_SPACE = 48_617_002;

import { type SqlClient, type SqlQueryable, sqlState } from "./sql-client.ts";
import { createSqlEventStore } from "./sql-event-store.ts";
import { StoreError } from "./store-error.ts";

/** Options for {@link openPostgresStore}. */
export interface PostgresStoreOptions {
  /**
   * Keep every table in this schema (created if missing) instead of the default search path, so
   * tests or parallel experiments can share one database and drop their schema afterwards.
   */
  schema?: string;
  /** Most connections the pool opens. Default 10. */
  maxConnections?: number;
}

/**
 * Opens the store on a PostgreSQL server (15 or later), migrating before it returns. A server
 * that cannot be reached throws `store/unreachable` naming the URL, password masked, and the fix.
 *
 * @example
 * const store = await openPostgresStore("postgres://haggle@db:5432/haggle", { schema: "run_42" });
 */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<EventStore> {
  const { schema } = options;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new StoreError(
      "store/invalid-options",
      `Schema name "${schema}" must be lower-case letters, digits and _, starting with a letter or _.`,
    );
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 10_000,
    // Set at connection start-up, so no query can ever run on the default search path.
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // Without a listener, an idle connection dropped by the server crashes the process; the next
  // query reconnects or fails with a proper error instead.
  pool.on("error", () => {});
  const store = createSqlEventStore("postgres", poolClient(pool));
  try {
    if (schema !== undefined) await createSchema(pool, schema);
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => {});
    throw toOpenError(error, url);
  }
  return store;
}

async function createSchema(pool: pg.Pool, schema: string): Promise<void> {
  // Under the migration lock: two processes creating one schema at once would otherwise collide.
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

function poolClient(pool: pg.Pool): SqlClient {
  const queryable = (target: pg.Pool | pg.PoolClient): SqlQueryable => ({
    async query<Row>(sql: string, params?: readonly unknown[]) {
      return (await target.query(sql, params as unknown[] | undefined)).rows as Row[];
    },
    async exec(sql: string) {
      // Without parameters pg uses the simple protocol, which accepts several statements.
      await target.query(sql);
    },
  });
  // Market locks live on one connection of their own: a session advisory lock lasts as long as it.
  let lockConnection: Promise<pg.PoolClient> | undefined;
  return {
    ...queryable(pool),
    async tryLock(key) {
      lockConnection ??= pool.connect();
      const connection = await lockConnection;
      // The schema is part of the key: markets of the same name in two schemas are different logs.
      const { rows } = await connection.query<{ ok: boolean }>(
        "SELECT pg_try_advisory_lock($1, hashtext(current_schema() || ':' || $2)) AS ok",
        [MARKET_LOCK_SPACE, key],
      );
      return rows[0]!.ok;
    },
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const result = await fn(queryable(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        // A connection that cannot even roll back is discarded rather than reused mid-transaction.
        client.release(broken);
      }
    },
    async close() {
      const connection = lockConnection && (await lockConnection.catch(() => undefined));
      if (connection) {
        // Unlocked before the connection goes: the server only notices a dropped connection a moment
        // later, and until then a new host would find the market still locked.
        await connection.query("SELECT pg_advisory_unlock_all()").catch(() => {});
        connection.release(true);
      }
      await pool.end();
    },
  };
}

const NETWORK_ERRORS = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/**
 * Explains why the first connection failed and what to do; other errors pass through. `embedded`:
 * whether the embedded store is an alternative (not for workers and queues, which need PostgreSQL).
 */
export function toOpenError(error: unknown, url: string, options: { embedded?: boolean } = {}): unknown {
  if (error instanceof StoreError) return error;
  const code = sqlState(error) ?? "";
  const detail = error instanceof Error ? error.message : String(error);
  const where = `PostgreSQL at ${maskUrl(url)}`;
  let fix: string | undefined;
  if (NETWORK_ERRORS.has(code) || /timeout|terminated|connect/i.test(detail)) {
    fix =
      options.embedded === false
        ? "Start the server or correct the URL (--db or HAGGLE_DB)."
        : "Start the server or correct the URL (--db or HAGGLE_DB), or leave both unset to use the " +
          "embedded PGlite store.";
  } else if (code === "28P01" || code === "28000") {
    fix = "Check the user name and password in the URL.";
  } else if (code === "3D000") {
    fix = `Create the database first (createdb ${databaseName(url)}) or name an existing one in the URL.`;
  } else if (code.startsWith("08") || code === "57P03") {
    fix = "The server refused the connection; check it is up and accepting connections.";
  }
  if (fix === undefined) return error;
  return new StoreError("store/unreachable", `Cannot use ${where}: ${detail}. ${fix}`, { cause: error });
}

function databaseName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.slice(1)) || "<name>";
  } catch {
    return "<name>";
  }
}
