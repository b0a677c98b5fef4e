import { resolve } from "node:path";
import { emptyState } from "../engine/create-market.ts";
import { replay } from "../engine/replay.ts";
import type { MarketClock } from "../runner/clock.ts";
import { BatchingSink } from "../runner/event-sink.ts";
import { HostError } from "../runner/host-error.ts";
import { MarketHost } from "../runner/market-host.ts";
import { type RunRecord, readRunRecord } from "../runner/run-folder.ts";
import { openStore } from "../store/index.ts";
import type { MarketAccess } from "./market-access.ts";
import { writeDealMemos } from "./projections/deal-memos.ts";
import { isLiveRun } from "./run-market.ts";
import { noEventsError, runStoreOptions } from "./run-store.ts";

/** Real time, never before the log's last event: a command run after the market acts "now". */
const commandClock: MarketClock = {
  kind: "virtual",
  now: () => Date.now(),
  async until() {},
};

/**
 * Opens a host on a run's log for the length of a command (a hand-over after the market closed),
 * when no host is running it: takes the market's writer lock, replays the log, and keeps the deal
 * memos up to date as the host writes. A simulation that has not finished is refused, as its resume
 * re-derives the log from the seed and outside input would break it.
 */
export async function openRunHost(
  run: string,
  db?: string,
): Promise<MarketAccess & { record: RunRecord; host: MarketHost }> {
  const dir = resolve(run);
  const record = await readRunRecord(dir);
  if (record.status !== "finished" && !isLiveRun(record)) {
    throw new HostError(
      "conflict",
      "host/simulation-running",
      `the run in ${dir} has not finished: resume it first (haggle resume ${run}), then try again`,
    );
  }
  const url = db ?? process.env.HAGGLE_DB;
  const store = await openStore(runStoreOptions(dir, record, url));
  try {
    await store.lockMarket(record.marketId);
    const stored = await store.read(record.marketId);
    if (stored.length === 0) throw noEventsError(dir, record, url);
    const state = replay(stored, emptyState({ transcripts: "all" }));
    const sink = new BatchingSink((batch) => store.append(record.marketId, batch), {
      after: stored.length,
      read: (fromSeq, toSeq) => store.read(record.marketId, { fromSeq, toSeq }),
    });
    const host = new MarketHost({ state, sink, clock: commandClock, release: () => store.close() });
    const memos = writeDealMemos(host, dir, stored.length + 1);
    return {
      ...hostAccess(host),
      record,
      host,
      async close() {
        await host.close();
        await memos;
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** Access to a host running in this process. */
export function hostAccess(host: MarketHost): MarketAccess {
  return {
    submit: (actor, action) => host.submit(actor, action),
    state: async () => host.state,
    close: async () => {},
  };
}
