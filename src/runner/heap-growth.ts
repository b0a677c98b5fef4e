import { setFlagsFromString } from "node:v8";

/**
 * How far V8 lets the heap grow past what survived the last full collection, in percent. By default
 * it grows by up to 4x when allocation is fast, which a market is: at 100x the demo the live state is
 * ~0.8 GB but the heap reached 1.9 GB before V8 collected. At 30% the 30x market peaked at 0.55 GB
 * instead of 0.8 GB in the same time (bench:market; V8 collects more often, but each collection of
 * a heap this size is mostly concurrent).
 */
const HEAP_GROWING_PERCENT = 30;

let limited = false;

/** Keeps this process's heap close to its live size for the rest of its life (a V8 flag; idempotent). */
export function limitHeapGrowth(): void {
  if (limited) return;
  limited = true;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
