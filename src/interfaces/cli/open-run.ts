import { resolve } from "node:path";
import { noEventsError, runStoreOptions } from "../../app/run-store.ts";
import type { MarketEvent } from "../../engine/event.ts";
import { replay } from "../../engine/replay.ts";
import type { MarketState } from "../../engine/state.ts";
import { type RunRecord, readRunRecord } from "../../runner/run-folder.ts";
import { openStore } from "../../store/index.ts";

/** Reads a run folder's log and rebuilds its market by replay. */
export async function openRun(
  run: string,
  db?: string,
): Promise<{ record: RunRecord; events: MarketEvent[]; state: MarketState }> {
  const dir = resolve(run);
  const record = await readRunRecord(dir);
  const url = db ?? process.env.HAGGLE_DB;
  const store = await openStore(runStoreOptions(dir, record, url));
  try {
    const events = await store.read(record.marketId);
    if (events.length === 0) throw noEventsError(dir, record, url);
    return { record, events, state: replay(events) };
  } finally {
    await store.close();
  }
}
