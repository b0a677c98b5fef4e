import type { AgentAction } from "../engine/action.ts";
import type { AgentView } from "../engine/view.ts";
import type { AgentState } from "./agent-state.ts";

/**
 * One interface for every kind of agent (built-in engine, LLM, a person's own module, a human):
 * given a view of the market, return typed actions. Free text goes in `send-message` actions or in
 * the `text` of an offer; only typed actions bind, and the engine checks every one.
 */
export interface Agent {
  /** The spec it was made from, e.g. "engine:strong". */
  readonly spec: string;
  decide(view: AgentView): Promise<AgentAction[]> | AgentAction[];
  /** Told when an action it proposed was refused, so it can adapt. Optional. */
  onRefused?(refusal: { action: AgentAction; code: string; message: string }): void;
  /**
   * Called once on a freshly created agent when a live market resumes from its log, before its first
   * decide: rebuilds whatever the agent remembers from what the market shows (`view`, derived from the
   * log). Optional: an agent without it starts with an empty memory.
   */
  restore?(view: AgentView): void;
  /**
   * Frees what the agent holds outside the market's objects (a module agent's worker thread). Called
   * once the agent will take no more turns; optional, and an agent left unclosed never keeps the
   * process alive.
   */
  close?(): Promise<void>;
  /**
   * Everything the agent keeps between turns, as plain JSON data, so its turns can be taken on another
   * process (turn workers, src/app/turn-workers). Optional, with `loadState`: an agent without them
   * always takes its turns in the market's process. See agent-state.ts.
   */
  saveState?(): AgentState;
  /** Replaces what the agent remembers with a saved state; `view` is the market as of that state. */
  loadState?(state: AgentState, view: AgentView): void;
  /** Model usage so far (LLM agents), for the run's summary and report. Optional. */
  usage?(): AgentUsage;
}

/** Tokens, calls and cost of one thread's share of an agent's model calls. */
export interface ThreadUsage {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costCents: number;
}

/** Model usage of one agent (LLM agents; the built-in ones use no model). */
export interface AgentUsage {
  /** Model calls, replayed ones included. */
  calls: number;
  /** Calls answered from the run's recording without reaching the model. */
  replayedCalls: number;
  /** Calls that failed after every retry. */
  failedCalls: number;
  /** Retries after a rate limit, a server error or a timeout. */
  retries: number;
  /** All input tokens, cached ones included. */
  inputTokens: number;
  outputTokens: number;
  /** Input tokens read from the provider's prompt cache. */
  cachedInputTokens: number;
  /** Input tokens written to the provider's prompt cache. */
  cacheWriteTokens: number;
  /** Estimated cost in cents; fractional, as it is an estimate and not market money. */
  costCents: number;
  /** Set when the cost is not known (e.g. no price for the model: counted as 0). */
  costNote?: string;
  /** The share of the calls attributed to each negotiation thread (per-deal attribution). */
  byThread: Record<string, ThreadUsage>;
  /** Why the agent stopped acting, if it did: the run's budget spent, the model unavailable. */
  stopped?: string;
  /** Outgoing texts the secret guard blocked (not sent) or redacted (sent without the bad sentences). */
  guard: { blocked: number; redacted: number };
}

export interface AgentContext {
  participantId: string;
  /** Seed for every random choice the agent makes: the same seed gives the same transcript. */
  seed: number;
}

/** What a `module:<path>` file exports as its default (or as `createAgent`). */
export type AgentFactory = (context: AgentContext) => Agent | Promise<Agent>;
