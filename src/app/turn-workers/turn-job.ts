import type { Agent, AgentContext } from "../../agents/agent.ts";
import type { AgentState } from "../../agents/agent-state.ts";
import { LlmBudget, type LlmBudgetLimits, type LlmBudgetUsed } from "../../agents/llm/budget.ts";
import type { CallLimiter } from "../../agents/llm/call-limiter.ts";
import type { LlmAgentOptions } from "../../agents/llm/llm-agent.ts";
import {
  LlmRecorder,
  type RecorderJournal,
  type RecordingMode,
  type RecordingShare,
} from "../../agents/llm/recorder.ts";
import type { AgentView } from "../../engine/view.ts";
import { takeTurn } from "../../runner/guarded-turn.ts";
import type { TurnAnswer } from "../../runner/turn-taker.ts";

/**
 * One turn sent to a worker: everything it needs to decide exactly as the agent would in the market's
 * process. The agent is made again from its spec and context and loaded with the state its last turn
 * left (snapshot in); it decides on the view; its new state comes back (snapshot out). A model agent
 * also gets the run's budget as the window found it and the part of the run's recording its calls
 * may replay, and gives back what it spent and recorded.
 */
export interface TurnJob {
  /** The run (market) the turn is of; a market started again drops its run's unanswered jobs. */
  runId: string;
  /** Which window of the market process's, and which turn in it: for the logs and `haggle queue`. */
  window: number;
  who: string;
  spec: string;
  context: AgentContext;
  /** Where a spec's relative paths resolve (the config's folder). */
  baseDir?: string;
  view: AgentView;
  state: AgentState;
  /** Real ms the agent may take, as in the market's process (`turnTimeoutMs`). */
  timeoutMs: number;
  llm?: {
    limits: LlmBudgetLimits;
    used: LlmBudgetUsed;
    recording: RecordingShare;
    mode: RecordingMode;
    revealLimits?: boolean;
  };
}

/** A worker's answer to a turn job. */
export interface TurnJobOutput {
  answer: TurnAnswer;
  /** The agent's state after the turn. */
  state: AgentState;
  llm?: { spent: LlmBudgetUsed; journal: RecorderJournal };
  /** Which worker answered (host:pid). */
  worker: string;
}

export type MakeAgent = (
  spec: string,
  context: AgentContext,
  options: { baseDir?: string; llm?: LlmAgentOptions },
) => Agent | Promise<Agent>;

/**
 * Takes one travelling turn, as a worker does: makes the agent, loads its state, asks for its turn
 * through the same guard as the market's process (a throw, a hang or a malformed answer is a fault),
 * and saves its state. Pure but for the model calls the agent makes.
 */
export async function takeTravellingTurn(
  job: TurnJob,
  makeAgent: MakeAgent,
  options: { worker: string; limiter?: CallLimiter },
): Promise<TurnJobOutput> {
  const budget = job.llm ? LlmBudget.resumed(job.llm.limits, job.llm.used) : undefined;
  const recorder = job.llm ? LlmRecorder.forTurn(job.llm.mode, job.llm.recording) : undefined;
  const agent = await makeAgent(job.spec, job.context, {
    ...(job.baseDir !== undefined ? { baseDir: job.baseDir } : {}),
    ...(job.llm
      ? {
          llm: {
            budget: budget!,
            recorder: recorder!,
            ...(options.limiter ? { limiter: options.limiter } : {}),
            ...(job.llm.revealLimits !== undefined ? { revealLimits: job.llm.revealLimits } : {}),
          },
        }
      : {}),
  });
  try {
    if (!agent.saveState || !agent.loadState) {
      throw new Error(`the agent ${job.spec} cannot take its turns on a worker (it keeps no state to send)`);
    }
    agent.loadState(job.state, job.view);
    const answer = await takeTurn(agent, job.view, job.timeoutMs);
    return {
      answer,
      state: agent.saveState(),
      ...(job.llm
        ? { llm: { spent: budget!.spentSince(job.llm.used), journal: recorder!.journalOf() } }
        : {}),
      worker: options.worker,
    };
  } finally {
    await agent.close?.().catch(() => {});
  }
}
