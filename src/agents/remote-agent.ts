import type { Agent, AgentContext } from "./agent.ts";

/** Two market hours: how long a remote agent's turn stays open unless the config says otherwise. */
export const DEFAULT_TURN_DEADLINE_MS = 2 * 3600 * 1000;

/**
 * A turn the scheduler gave a participant played by an outside agent (spec "remote"): when it began
 * and until when it is open, in market-clock ms. Numbered per participant, from 1.
 */
export interface RemoteTurn {
  participant: string;
  number: number;
  at: number;
  deadline: number;
}

/**
 * The turns of a market's remote agents, told to whoever waits for them (the MCP server's
 * `wait_for_changes`). Turns live in memory only: they are the scheduler's hints to an outside agent,
 * not market facts, so the log never holds them and a replay never needs them.
 */
export class RemoteTurns {
  private readonly turns = new Map<string, RemoteTurn>();
  private readonly listeners = new Set<(turn: RemoteTurn) => void>();

  constructor(readonly deadlineMs: number = DEFAULT_TURN_DEADLINE_MS) {}

  /** Opens the next turn of `participant` at market time `at`, and tells the listeners. */
  open(participant: string, at: number): RemoteTurn {
    const number = (this.turns.get(participant)?.number ?? 0) + 1;
    const turn = { participant, number, at, deadline: at + this.deadlineMs };
    this.turns.set(participant, turn);
    for (const listener of this.listeners) {
      try {
        listener(turn);
      } catch {
        // A listener's failure is its own; the scheduler's turn goes on.
      }
    }
    return turn;
  }

  /** The latest turn of `participant`, if the scheduler has given them one. */
  latest(participant: string): RemoteTurn | undefined {
    return this.turns.get(participant);
  }

  onTurn(listener: (turn: RemoteTurn) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * The in-process stand-in of a participant played by an outside agent (an MCP client). It never
 * blocks the market: each turn the scheduler gives it is noted on `turns` (which `wait_for_changes`
 * tells the outside agent, with its deadline) and answered at once with no action. The outside
 * agent's actions come in through the host as outside input, like a person's on the web, whenever
 * it sends them while the market is open; one that stays silent simply misses its turns.
 */
export function createRemoteAgent(context: AgentContext, turns: RemoteTurns | undefined): Agent {
  return {
    spec: "remote",
    decide(view) {
      turns?.open(context.participantId, view.now);
      return [];
    },
  };
}
