import type { Agent } from "../../agents/agent.ts";
import type { LlmRunContext } from "../../agents/llm/run-context.ts";
import { takeTurn } from "../../runner/guarded-turn.ts";
import { agentContext } from "../../runner/simulate-market.ts";
import type { TurnAnswer, TurnRequest, TurnTaker } from "../../runner/turn-taker.ts";
import type { TurnJob, TurnJobOutput } from "./turn-job.ts";

/**
 * How a window's turn jobs reach workers and their answers come back: pg-boss in a market
 * (queue-transport.ts), in memory in tests. `send` resolves with one answer per job, in the order
 * sent; a job answered twice (a retry after a slow worker) is answered once here.
 */
export interface TurnTransport {
  send(jobs: readonly TurnJob[]): Promise<TurnJobOutput[]>;
  close?(): Promise<void>;
}

export interface TravellingTurnsOptions {
  transport: TurnTransport;
  runId: string;
  /** The market's seed: each agent's context derives from it, as in the market's process. */
  seed: number;
  baseDir?: string;
  /** The run's model budget and recording, when it has model agents. */
  llmRun?: LlmRunContext;
}

/** Agents whose turns travel: those that save their state and that a worker can make from their spec. */
export function canTravel(agent: Agent): boolean {
  return (
    agent.saveState !== undefined &&
    agent.loadState !== undefined &&
    (agent.spec.startsWith("engine:") || agent.spec.startsWith("llm:"))
  );
}

/**
 * Takes a window's turns on workers: each travelling agent's turn goes out as a job carrying its
 * state (snapshot in), and the state it comes back with (snapshot out) is loaded into the agent this
 * process holds, so a refusal the scheduler tells it next lands on the state an in-process turn would
 * have left. Agents that cannot travel (a module agent, a remote person's stand-in) take their turns
 * here, at the same time. A model agent's calls are charged to the run's budget and its exchanges
 * recorded in the run's recording (before its actions are applied, so a resume replays them); every
 * job of a window starts from the budget as the window found it.
 */
export function travellingTurns(options: TravellingTurnsOptions): TurnTaker {
  let window = 0;
  return {
    async take(turns: readonly TurnRequest[], timeoutMs: number): Promise<TurnAnswer[]> {
      window++;
      const answers: (TurnAnswer | undefined)[] = new Array(turns.length);
      const travelling: number[] = [];
      const jobs: TurnJob[] = [];
      for (const [i, turn] of turns.entries()) {
        if (!canTravel(turn.agent)) continue;
        travelling.push(i);
        jobs.push(jobFor(turn, timeoutMs, window, options));
      }
      const here = turns.map((turn, i) =>
        travelling.includes(i)
          ? Promise.resolve()
          : takeTurn(turn.agent, turn.view, timeoutMs).then((answer) => {
              answers[i] = answer;
            }),
      );
      const [outputs] = await Promise.all([
        jobs.length > 0 ? options.transport.send(jobs) : Promise.resolve([]),
        ...here,
      ]);
      for (const [k, i] of travelling.entries()) {
        const turn = turns[i]!;
        const output = outputs[k]!;
        turn.agent.loadState!(output.state, turn.view);
        if (output.llm && options.llmRun) {
          options.llmRun.recorder.absorb(output.llm.journal);
          options.llmRun.budget.absorb(output.llm.spent);
        }
        answers[i] = output.answer;
      }
      return answers as TurnAnswer[];
    },
    async close() {
      await options.transport.close?.();
    },
  };
}

function jobFor(
  turn: TurnRequest,
  timeoutMs: number,
  window: number,
  options: TravellingTurnsOptions,
): TurnJob {
  const { llmRun } = options;
  const model = turn.agent.spec.startsWith("llm:") && llmRun;
  return {
    runId: options.runId,
    window,
    who: turn.who,
    spec: turn.agent.spec,
    context: agentContext(options.seed, turn.who),
    ...(options.baseDir !== undefined ? { baseDir: options.baseDir } : {}),
    view: turn.view,
    state: turn.agent.saveState!(),
    timeoutMs,
    ...(model
      ? {
          llm: {
            limits: llmRun.budget.limits,
            used: { ...llmRun.budget.used },
            recording: llmRun.recorder.shareFor(turn.who),
            mode: llmRun.recorder.mode,
            ...(llmRun.llm.revealLimits !== undefined ? { revealLimits: llmRun.llm.revealLimits } : {}),
          },
        }
      : {}),
  };
}
