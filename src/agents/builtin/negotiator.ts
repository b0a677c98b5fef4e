import type { EngineAgentMemory } from "./agent-memory.ts";
import type { TierParams } from "./strategy/tiers.ts";
import type { Phraser, Words } from "./words.ts";

/** What the parts of one look at the market share: the agent's settings, its memory and its voice. */
export interface Negotiator {
  tier: TierParams;
  /** Most offers one side may make in a thread (the market's cap). */
  cap: number;
  words: Words;
  phraser: Phraser;
  memory: EngineAgentMemory;
  /** The agent's own seed: secret draws per negotiation (the margin's noise) come from it. */
  seed?: number;
}

/** The market's default cap on offers per side in a thread. */
export const DEFAULT_OFFER_CAP = 12;
