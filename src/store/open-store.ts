import { isPostgresUrl, maskUrl } from "./database-url.ts";
import type { EventStore } from "./event-store.ts";
import { openPgliteStore } from "./pglite-store.ts";
import { openPostgresStore } from "./postgres-store.ts";
import { StoreError } from "./store-error.ts";

/** Where {@link openStore} keeps the events. */
export interface OpenStoreOptions {
  /**
   * A `postgres://` or `postgresql://` URL, or a PGlite data folder path (which then wins over
   * `dataDir`). Defaults to the HAGGLE_DB environment variable.
   */
  db?: string;
  /** The PGlite data folder (inside the run folder) when no URL is given; in memory if omitted. */
  dataDir?: string;
  /** PostgreSQL only: the schema to keep the tables in. */
  schema?: string;
  /** Where HAGGLE_DB is read from; injectable for tests. */
  env?: Record<string, string | undefined>;
}

/**
 * Opens the store the user asked for: PostgreSQL when a URL is given (option or HAGGLE_DB),
 * else embedded PGlite in `dataDir`. Any other `scheme://` is refused rather than silently
 * ignored, since it is most likely a typo.
 *
 * @example
 * const store = await openStore({ db: flags.db, dataDir: join(runDir, "db") });
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<EventStore> {
  const env = options.env ?? process.env;
  const db = options.db ?? (env.HAGGLE_DB || undefined);
  if (db === undefined) return openPgliteStore(options.dataDir);
  if (isPostgresUrl(db)) return openPostgresStore(db, { schema: options.schema });
  if (db.includes("://")) {
    throw new StoreError(
      "store/invalid-options",
      `Database "${maskUrl(db)}" is not a postgres:// or postgresql:// URL; leave it unset to use the ` +
        "embedded PGlite store in the run folder.",
    );
  }
  return openPgliteStore(db);
}
