export {
  type Action,
  type ActionOf,
  type ActionType,
  type AgentAction,
  actionSchema,
  MARKET_ACTOR,
} from "./action.ts";
export { apply } from "./apply.ts";
export { type Audience, audienceOf, canSee } from "./audience.ts";
export { createMarket, emptyState, genesisEvent } from "./create-market.ts";
export { decide, type Outcome } from "./decide.ts";
export type { EventBody, EventOf, EventType, MarketEvent } from "./event.ts";
export { evolve, FINAL_THREAD_STATES } from "./evolve.ts";
export { acceptTimeoutOf, confirmDeadline, overdueDeals } from "./expiry.ts";
export { keywordsOf } from "./keywords.ts";
export { type Caps, type MarketConfig, type MarketConfigInput, marketConfigSchema } from "./market-config.ts";
export { listingsMatching, wantAdsMatching } from "./match-index.ts";
export { REJECTION_CODES, type Rejection, type RejectionCode } from "./rejection.ts";
export { replay } from "./replay.ts";
export type { MarketState, ParticipantState } from "./state.ts";
export { type AgentView, type ThreadView, viewFor } from "./view.ts";
