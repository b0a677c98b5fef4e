import type { AgentAction } from "../../engine/action.ts";
import type { AgentUsage } from "../agent.ts";
import type { LlmBudget } from "./budget.ts";
import { costInCents, type ModelPrice } from "./prices.ts";
import type { CallReport } from "./resilient-model.ts";

/** What a model agent has spent: calls, tokens, cost, per thread, and what its guard stopped. */

export function emptyUsage(): AgentUsage {
  return {
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
}

/**
 * Adds one decision's model calls to `usage` and charges them to the run's budget, sharing them
 * equally over the threads the decision was about. Returns the record-usage action for the log.
 */
export function recordCalls(
  usage: AgentUsage,
  reports: readonly CallReport[],
  context: { price: ModelPrice | undefined; budget?: LlmBudget; threadIds: readonly string[] },
): AgentAction[] {
  const { price, budget, threadIds } = context;
  let input = 0;
  let output = 0;
  let cost = 0;
  let calls = 0;
  for (const report of reports) {
    usage.calls++;
    calls++;
    usage.retries += report.retries;
    if (report.replayed) usage.replayedCalls++;
    if (report.failed) usage.failedCalls++;
    const u = report.usage;
    if (!u) {
      budget?.charge({ inputTokens: 0, outputTokens: 0, costCents: 0 });
      continue;
    }
    const tokens = {
      inputTokens: u.inputTokens.total ?? 0,
      outputTokens: u.outputTokens.total ?? 0,
      cacheReadTokens: u.inputTokens.cacheRead ?? 0,
      cacheWriteTokens: u.inputTokens.cacheWrite ?? 0,
    };
    const callCost = costInCents(tokens, price);
    usage.inputTokens += tokens.inputTokens;
    usage.outputTokens += tokens.outputTokens;
    usage.cachedInputTokens += tokens.cacheReadTokens;
    usage.cacheWriteTokens += tokens.cacheWriteTokens;
    usage.costCents = Math.round((usage.costCents + callCost) * 1_000_000) / 1_000_000;
    input += tokens.inputTokens;
    output += tokens.outputTokens;
    cost += callCost;
    budget?.charge({
      inputTokens: tokens.inputTokens,
      outputTokens: tokens.outputTokens,
      costCents: callCost,
    });
  }
  if (calls > 0 && threadIds.length > 0) {
    const share = 1 / threadIds.length;
    for (const id of threadIds) {
      const entry = usage.byThread[id] ?? { calls: 0, inputTokens: 0, outputTokens: 0, costCents: 0 };
      usage.byThread[id] = entry;
      entry.calls += calls * share;
      entry.inputTokens += Math.round(input * share);
      entry.outputTokens += Math.round(output * share);
      entry.costCents = Math.round((entry.costCents + cost * share) * 1_000_000) / 1_000_000;
    }
  }
  if (input + output === 0) return [];
  return [{ type: "record-usage", inputTokens: input, outputTokens: output }];
}

/** The sum of several agents' usage (by spec, or for the whole run). */
export function addUsage(usages: readonly AgentUsage[]): AgentUsage {
  const total = emptyUsage();
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
