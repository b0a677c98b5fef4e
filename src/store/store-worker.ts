import { setFlagsFromString } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import type { EventStore } from "./event-store.ts";
import { openStore } from "./open-store.ts";
import { isStoreError } from "./store-error.ts";

/** A call from the main thread: a method of the store and its arguments. */
export interface StoreCall {
  id: number;
  method: keyof EventStore;
  args: unknown[];
}

export type StoreReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { message: string; code?: string; name: string } };

// PostgreSQL's WASM is compiled by V8's baseline compiler only. By default V8 also recompiles its hot
// functions with the optimising compiler on background threads, which on a 2-core machine took CPU
// from the market's own thread: the demo ran 0.5 s faster without it (4.05-4.28 s against 4.52-5.26 s),
// while the store still kept up with the market.
setFlagsFromString("--liftoff-only");

// Calls arrive in order and are answered in order: an append never overtakes the createMarket before it.
const opening: Promise<EventStore> = openStore(workerData.options);
let queue: Promise<unknown> = Promise.resolve();

parentPort!.on("message", (call: StoreCall) => {
  queue = queue.then(async () => {
    let reply: StoreReply;
    try {
      const store = await opening;
      const method = store[call.method] as (...args: unknown[]) => Promise<unknown>;
      const value = await method.apply(store, call.args);
      reply = { id: call.id, ok: true, value };
    } catch (error) {
      const err = error as Error;
      reply = {
        id: call.id,
        ok: false,
        error: { message: err.message, name: err.name, ...(isStoreError(error) ? { code: error.code } : {}) },
      };
    }
    parentPort!.postMessage(reply);
  });
});
