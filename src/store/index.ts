export { isPostgresUrl, maskUrl } from "./database-url.ts";
export type { EventStore, MarketRecord, NewMarket, ReadOptions } from "./event-store.ts";
export { MIGRATIONS, type Migration } from "./migrations.ts";
export { type OpenStoreOptions, openStore } from "./open-store.ts";
export { openPgliteStore } from "./pglite-store.ts";
export { openPostgresStore, type PostgresStoreOptions } from "./postgres-store.ts";
export { isStoreError, StoreError, type StoreErrorCode } from "./store-error.ts";
export { openStoreInWorker } from "./worker-store.ts";
