/**
 * The little each database driver must provide so that one implementation of the store, with one
 * set of SQL, runs on both PGlite and PostgreSQL.
 */
export interface SqlQueryable {
  /** One statement with `$1..$n` parameters; returns the rows as the driver parsed them. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Several statements separated by `;`, without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** A connection (or pool) that can also run a function inside one transaction. */
export interface SqlClient extends SqlQueryable {
  /** Runs `fn` in BEGIN..COMMIT; any throw rolls back and is rethrown. */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /** Takes a lock on `key` for the client's lifetime, across processes; false when another holds it. */
  tryLock?(key: string): Promise<boolean>;
  close(): Promise<void>;
}

/** The SQLSTATE of a driver error (both pg and PGlite put it on `code`), if any. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}
