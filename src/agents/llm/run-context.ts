import { join } from "node:path";
import type { Agent, AgentUsage } from "../agent.ts";
import { LlmBudget, type LlmBudgetLimits } from "./budget.ts";
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
}): LlmRunContext {
  const budget = new LlmBudget(options.limits ?? {});
  const recorder = LlmRecorder.open(join(options.dir, LLM_RECORDING_FILE), options.mode ?? "record");
  if (options.log) budget.onExhausted(options.log);
  return {
    budget,
    recorder,
    llm: {
      budget,
      recorder,
      ...(options.env ? { env: options.env } : {}),
      ...(options.revealLimits !== undefined ? { revealLimits: options.revealLimits } : {}),
      ...(options.log ? { log: options.log } : {}),
    },
  };
}

/** The sum of several agents' usage (by spec, or for the whole run). */
export function addUsage(usages: readonly AgentUsage[]): AgentUsage {
  const total: AgentUsage = {
    calls: 0,
    replayedCalls: 0,
    failedCalls: 0,
    retries: 0,
    inputTokens: 0,
    outputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    costCents: 0,
    byThread: {},
    guard: { blocked: 0, redacted: 0 },
  };
  const notes = new Set<string>();
  for (const usage of usages) {
    total.calls += usage.calls;
    total.replayedCalls += usage.replayedCalls;
    total.failedCalls += usage.failedCalls;
    total.retries += usage.retries;
    total.inputTokens += usage.inputTokens;
    total.outputTokens += usage.outputTokens;
    total.cachedInputTokens += usage.cachedInputTokens;
    total.cacheWriteTokens += usage.cacheWriteTokens;
    total.costCents = Math.round((total.costCents + usage.costCents) * 1_000_000) / 1_000_000;
    total.guard.blocked += usage.guard.blocked;
    total.guard.redacted += usage.guard.redacted;
    for (const [thread, share] of Object.entries(usage.byThread)) {
      const entry = total.byThread[thread] ?? { calls: 0, inputTokens: 0, outputTokens: 0, costCents: 0 };
      entry.calls += share.calls;
      entry.inputTokens += share.inputTokens;
      entry.outputTokens += share.outputTokens;
      entry.costCents = Math.round((entry.costCents + share.costCents) * 1_000_000) / 1_000_000;
      total.byThread[thread] = entry;
    }
    if (usage.costNote) notes.add(usage.costNote);
  }
  if (notes.size > 0) total.costNote = [...notes].join("; ");
  return total;
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
