import { join } from "node:path";
import type { Agent, AgentUsage } from "../agent.ts";
import { LlmBudget, type LlmBudgetLimits } from "./budget.ts";
import { CallLimiter } from "./call-limiter.ts";
import type { LlmAgentOptions } from "./llm-agent.ts";
import type { Env } from "./providers.ts";
import { LlmRecorder, type RecordingMode } from "./recorder.ts";

/** The file, in a run folder, that records every model exchange of the run. */
export const LLM_RECORDING_FILE = "llm-cache.jsonl";

export interface LlmRunContext {
  /** Pass as `createAgent(spec, context, { llm })` for every agent of the run. */
  llm: LlmAgentOptions;
  budget: LlmBudget;
  recorder: LlmRecorder;
  /** The cap on model calls in flight per provider, and how many are in flight now. */
  limiter: CallLimiter;
}

/**
 * What every LLM agent of one market run shares: the budget, the recording at
 * `<dir>/llm-cache.jsonl` (a resumed run replays it, then records on), the environment and a log line
 * for agents that stop. Open it once per run (or resume), before creating the agents.
 * @example const run = openLlmRun({ dir, limits: { maxCostCents: 500 }, log: (line) => console.error(line) })
 */
export function openLlmRun(options: {
  dir: string;
  limits?: LlmBudgetLimits;
  env?: Env;
  mode?: RecordingMode;
  revealLimits?: boolean;
  log?: (message: string) => void;
  /** Model calls in flight per provider; 8 by default. */
  concurrency?: number;
}): LlmRunContext {
  const budget = new LlmBudget(options.limits ?? {});
  const limiter = new CallLimiter(options.concurrency ?? 8);
  const recorder = LlmRecorder.open(join(options.dir, LLM_RECORDING_FILE), options.mode ?? "record");
  if (options.log) budget.onExhausted(options.log);
  return {
    budget,
    recorder,
    limiter,
    llm: {
      budget,
      recorder,
      limiter,
      ...(options.env ? { env: options.env } : {}),
      ...(options.revealLimits !== undefined ? { revealLimits: options.revealLimits } : {}),
      ...(options.log ? { log: options.log } : {}),
    },
  };
}

/** Usage per participant for the agents that report it (LLM agents), for the run's summary. */
export function usageOf(agents: ReadonlyMap<string, Agent>): Record<string, AgentUsage & { spec: string }> {
  const out: Record<string, AgentUsage & { spec: string }> = {};
  for (const [id, agent] of agents) {
    const usage = agent.usage?.();
    if (usage) out[id] = { ...usage, spec: agent.spec };
  }
  return out;
}
