/**
 * The built-in negotiator (no model, no key): strategy (time-dependent concession, opponent model,
 * acceptance rules, tiers), language and understanding as separate parts, and the tools to run and
 * score negotiations between agents.
 */
export { type EngineAgentMemory, emptyMemory, type ThreadMemory } from "./agent-memory.ts";
export { defaultWords } from "./default-words.ts";
export { createEngineAgent, type EngineAgentOptions } from "./engine-agent.ts";
export { type NegotiationScores, scoreNegotiation } from "./negotiation-scores.ts";
export {
  type ItemFile,
  itemFileSchema,
  resolveSetup,
  type SetupOverrides,
  UnknownItemError,
} from "./negotiation-setup.ts";
export { memoryFromView, type RebuildOptions } from "./rebuild-memory.ts";
export {
  buyerLimitOf,
  type NegotiationResult,
  type NegotiationSetup,
  type RunNegotiationOptions,
  runNegotiation,
  type TranscriptLine,
} from "./run-negotiation.ts";
export { catalogueScenarios, itemFromCatalogue, setupFromCatalogue } from "./scenarios.ts";
export { amountsIn, revealsSecret } from "./secret-guard.ts";
export { type AcceptanceRule, shouldAccept } from "./strategy/acceptance.ts";
export { type Decision, nextMove, nextPrice, openingPrice, type Situation } from "./strategy/next-move.ts";
export { modelOpponent, type OpponentModel } from "./strategy/opponent-model.ts";
export { isTierName, TIER_NAMES, TIERS, type TierName, type TierParams } from "./strategy/tiers.ts";
export { concessionShare, negotiationTime, type TimeTactic, timeTarget } from "./strategy/time-tactic.ts";
export {
  type AgentRow,
  agentTable,
  runTournament,
  type TierGap,
  type TournamentOptions,
  type TournamentRun,
  tierGap,
} from "./tournament.ts";
export type { Phraser, Reading, Words } from "./words.ts";
