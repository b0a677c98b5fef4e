import type { Agent } from "../agents/agent.ts";
import type { AgentAction } from "../engine/action.ts";
import type { AgentView } from "../engine/view.ts";
import { type TurnFault, takeTurn } from "./guarded-turn.ts";

/** One wake-up to decide: whose, their agent (as this process holds it), and the market as they see it. */
export interface TurnRequest {
  who: string;
  agent: Agent;
  view: AgentView;
}

/** What a turn gave: the actions to apply, or how it failed. */
export type TurnAnswer = { actions: AgentAction[] } | TurnFault;

/**
 * Takes a window's turns for the scheduler: each wake-up's agent decides on its view, concurrently,
 * and the answers come back in the order asked (the scheduler applies them in its fixed order). When
 * it resolves, each agent as this process holds it remembers its turn (its state is the one the turn
 * left), so what the scheduler tells it next (a refusal) lands where it would in-process.
 *
 * In-process (`inProcessTurns`) is the default; src/app/turn-workers sends the turns of agents that
 * can travel to worker processes instead. Either way the same seed and window give the same log.
 */
export interface TurnTaker {
  take(turns: readonly TurnRequest[], timeoutMs: number): Promise<TurnAnswer[]>;
  /** Lets go of what it holds (queues, connections); called when the market stops taking turns. */
  close?(): Promise<void>;
}

/**
 * Every turn in this process, through the guard (guarded-turn.ts): the market's behaviour by default.
 *
 * A window's turns start one event-loop turn apart, not all at once: a model agent's work before its
 * call (its prompt, the AI SDK checking it) runs in promise callbacks, so turns started together
 * interleave that work and every call leaves only once all of it is done; started apart, each call
 * leaves as soon as its own turn has prepared it, and waits while the next turns prepare theirs. In a
 * 69-person market of model agents answering after 400 ms, window 30m, at most 32 calls at once
 * (bench:scale's market): 27.4 s started together, 25.5 s apart, the same log (2026-12-06). Answers
 * are still returned in the order asked.
 */
export const inProcessTurns: TurnTaker = {
  async take(turns, timeoutMs) {
    if (turns.length === 1) return [await takeTurn(turns[0]!.agent, turns[0]!.view, timeoutMs)];
    const answers: Promise<TurnAnswer>[] = [];
    for (const [i, turn] of turns.entries()) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      answers.push(takeTurn(turn.agent, turn.view, timeoutMs));
    }
    return Promise.all(answers);
  },
};
