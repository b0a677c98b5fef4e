import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { bundleDir } from "../paths.ts";
import { isPostgresUrl } from "./database-url.ts";
import type { EventStore } from "./event-store.ts";
import type { OpenStoreOptions } from "./open-store.ts";
import { StoreError, type StoreErrorCode } from "./store-error.ts";
import type { StoreCall, StoreReply } from "./store-worker.ts";

/**
 * The same store as {@link openStore}, run on a worker thread. The caller gets it at once: opening
 * the database (seconds for a fresh PGlite folder) and writing batches happen on another core while
 * the market runs on this one. Calls are answered in the order they are made; an open failure is
 * the answer to every call. `env` is not passed on: set `db` explicitly.
 *
 * @example
 * const store = openStoreInWorker({ dataDir: join(runDir, "db") });
 * void store.createMarket(market); // no need to wait: later calls queue behind it
 */
export function openStoreInWorker(options: Omit<OpenStoreOptions, "env">): EventStore {
  const kind = options.db !== undefined && isPostgresUrl(options.db) ? "postgres" : "pglite";
  // From the bundled CLI the worker is a bundle too; from source it needs tsx, as the main thread did.
  const bundle = bundleDir();
  const workerData = { options: { ...options, env: {} } };
  const worker = bundle
    ? new Worker(join(bundle, "store", "store-worker.mjs"), { workerData })
    : new Worker(new URL("./worker-boot.js", import.meta.url), {
        workerData: { ...workerData, entry: new URL("./store-worker.ts", import.meta.url).href },
      });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let next = 0;
  let closed = false;
  let failure: Error | undefined;

  worker.on("message", (reply: StoreReply) => {
    const call = pending.get(reply.id);
    if (!call) return;
    pending.delete(reply.id);
    if (reply.ok) call.resolve(reply.value);
    else {
      const { code, message, name } = reply.error;
      const error = code
        ? new StoreError(code as StoreErrorCode, message)
        : Object.assign(new Error(message), { name });
      call.reject(error);
    }
  });
  const failAll = (error: Error) => {
    failure = error;
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };
  worker.on("error", (error) =>
    failAll(new StoreError("store/unreachable", `The store's worker failed: ${error.message}`)),
  );
  worker.on("exit", () => {
    if (!closed) failAll(new StoreError("store/unreachable", "The store's worker stopped unexpectedly"));
  });

  const call = <T>(method: keyof EventStore, ...args: unknown[]): Promise<T> => {
    if (failure) return Promise.reject(failure);
    if (closed) return Promise.reject(new StoreError("store/closed", "The store was used after close()"));
    const id = next++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, method, args } satisfies StoreCall);
    });
  };

  return {
    kind,
    migrate: () => call("migrate"),
    createMarket: (market) => call("createMarket", market),
    append: (marketId, events) => call("append", marketId, events),
    read: (marketId, readOptions) => call("read", marketId, readOptions),
    lastSeq: (marketId) => call("lastSeq", marketId),
    listMarkets: (runId) => call("listMarkets", runId),
    putDocument: (runId, name, body) => call("putDocument", runId, name, body),
    getDocument: (runId, name) => call("getDocument", runId, name),
    lockMarket: (marketId) => call("lockMarket", marketId),
    async close() {
      if (closed) return;
      try {
        if (!failure) await call("close");
      } finally {
        closed = true;
        await worker.terminate();
      }
    },
  };
}
