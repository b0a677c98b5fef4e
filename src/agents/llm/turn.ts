import type { AgentAction } from "../../engine/action.ts";
import type { AgentView } from "../../engine/view.ts";

/** One wake-up of an LLM agent: the view it was given, and what its tool calls did. */
export interface Turn {
  view: AgentView;
  /** Actions for the market, in the order the model called the tools. */
  actions: AgentAction[];
  /** Threads the agent acted in. */
  touched: Set<string>;
  /** Threads (or "listing:<id>") it made or accepted an offer in: one offer per thread per turn. */
  offersIn: Set<string>;
}
