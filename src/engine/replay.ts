import { emptyState } from "./create-market.ts";
import type { MarketEvent } from "./event.ts";
import { evolve } from "./evolve.ts";
import type { MarketState } from "./state.ts";

/** Rebuilds a market from its log. The first event must be `market-created`; seqs must be contiguous. */
export function replay(events: Iterable<MarketEvent>, into: MarketState = emptyState()): MarketState {
  for (const event of events) {
    if (event.seq !== into.seq + 1) {
      throw new Error(`replay: expected event ${into.seq + 1}, got ${event.seq}`);
    }
    if (into.seq === 0 && event.type !== "market-created") {
      throw new Error("replay: the log must start with market-created");
    }
    evolve(into, event);
  }
  return into;
}
