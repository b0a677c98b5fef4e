import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { lockDataDir } from "./data-dir-lock.ts";
import type { EventStore } from "./event-store.ts";
import { readTemplate, saveTemplate } from "./pglite-template.ts";
import type { SqlClient, SqlQueryable } from "./sql-client.ts";
import { createSqlEventStore } from "./sql-event-store.ts";
import { StoreError } from "./store-error.ts";

/**
 * An append-only log needs little cache: PostgreSQL's defaults (128 MB of shared buffers) cost the
 * process about 150 MB of memory for nothing measurable. PGlite writes these as the folder's
 * postgresql.conf at every start.
 */
const SMALL_FOOTPRINT = [
  "shared_buffers = 16MB",
  "wal_buffers = 1MB",
  "work_mem = 2MB",
  "maintenance_work_mem = 8MB",
];

/**
 * Opens the embedded store: PostgreSQL compiled to WASM, in a data folder or, when `dataDir` is
 * omitted, in memory (gone on close). Migrates before returning. A fresh folder starts from a cached
 * template of the migrated, empty database (~0.6 s; see pglite-template.ts); without the template
 * it takes ~3 s to initialise, and saves the template for next time. An existing folder opens in ~0.3 s. One store per folder at a time: a second open, from any
 * process, throws `store/locked`.
 *
 * @example
 * const store = await openPgliteStore(join(runDir, "db"));
 */
export async function openPgliteStore(dataDir?: string): Promise<EventStore> {
  const folder = dataDir === undefined ? undefined : resolve(dataDir);
  let release: (() => void) | undefined;
  if (folder !== undefined) {
    mkdirSync(dirname(folder), { recursive: true });
    release = lockDataDir(folder);
  }
  // A folder without its ready marker was being initialised when its process died: no event can be
  // in it (appends start only once the store is open), so it is started again from scratch.
  const ready = folder === undefined ? undefined : `${folder}.ready`;
  if (folder !== undefined && existsSync(folder) && !existsSync(ready!))
    rmSync(folder, { recursive: true, force: true });
  const fresh = folder !== undefined && (!existsSync(folder) || readdirSync(folder).length === 0);
  const template = fresh ? readTemplate() : undefined;
  let db: PGlite;
  try {
    db = await PGlite.create({
      ...(folder !== undefined ? { dataDir: folder } : {}),
      ...(template ? { loadDataDir: template } : {}),
      postgresqlconf: SMALL_FOOTPRINT,
    });
  } catch (error) {
    release?.();
    const where = folder === undefined ? "in memory" : `in ${folder}`;
    throw new StoreError(
      "store/unreachable",
      `Cannot open the PGlite database ${where}: ${describe(error)}`,
      {
        cause: error,
      },
    );
  }
  const store = createSqlEventStore("pglite", pgliteClient(db), release);
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  if (fresh && !template) await saveTemplate(db);
  if (ready !== undefined && fresh) writeFileSync(ready, "initialised\n");
  return store;
}

function pgliteClient(db: PGlite): SqlClient {
  const queryable = (target: Pick<PGlite, "query" | "exec">): SqlQueryable => ({
    async query<Row>(sql: string, params?: readonly unknown[]) {
      return (await target.query<Row>(sql, params as unknown[] | undefined)).rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  });
  return {
    ...queryable(db),
    transaction: (fn) => db.transaction((tx) => fn(queryable(tx))),
    close: () => db.close(),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
