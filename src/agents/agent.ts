import type { AgentAction } from "../engine/action.ts";
import type { AgentView } from "../engine/view.ts";

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
}

export interface AgentContext {
  participantId: string;
  /** Seed for every random choice the agent makes: the same seed gives the same transcript. */
  seed: number;
}

/** What a `module:<path>` file exports as its default (or as `createAgent`). */
export type AgentFactory = (context: AgentContext) => Agent | Promise<Agent>;
