import { MARKET_ACTOR } from "./action.ts";
import type { MarketEvent } from "./event.ts";
import { evolve } from "./evolve.ts";
import { DEFAULT_ACCEPT_TIMEOUT_MS, type MarketConfigInput, marketConfigSchema } from "./market-config.ts";
import { emptyIndex } from "./match-index.ts";
import type { MarketState } from "./state.ts";

/** The first event of every market's log: it carries the config, so replay needs nothing else. */
export function genesisEvent(config: MarketConfigInput, now = 0): MarketEvent {
  return {
    seq: 1,
    at: now,
    actor: MARKET_ACTOR,
    type: "market-created",
    config: marketConfigSchema.parse(config),
  };
}

/** A state before any event. Only `evolve` of a `market-created` event makes it usable. */
export function emptyState(options: { transcripts?: MarketState["transcripts"] } = {}): MarketState {
  return {
    config: {
      marketId: "",
      currency: "USD",
      caps: {
        maxOffersPerCounterpart: 12,
        maxMessageLength: 2000,
        maxTurnsPerThread: 80,
        maxTokensPerParticipant: 5_000_000,
      },
      acceptTimeoutMs: DEFAULT_ACCEPT_TIMEOUT_MS,
    },
    status: "setup",
    seq: 0,
    now: 0,
    counters: { listing: 0, wantAd: 0, thread: 0, offer: 0, deal: 0, message: 0 },
    participants: new Map(),
    listings: new Map(),
    wantAds: new Map(),
    threads: new Map(),
    threadByPair: new Map(),
    threadsByListing: new Map(),
    threadsByWant: new Map(),
    offers: new Map(),
    deals: new Map(),
    messages: new Map(),
    channelMessageIds: [],
    ledger: [],
    idempotency: new Map(),
    index: emptyIndex(),
    transcripts: options.transcripts ?? "all",
  };
}

/**
 * A new market in the setup state.
 * @example const state = createMarket({ marketId: "m1" }); apply(state, { type: "open-market", actor: "market" }, 0)
 */
export function createMarket(config: MarketConfigInput, now = 0): MarketState {
  const state = emptyState();
  evolve(state, genesisEvent(config, now));
  return state;
}
