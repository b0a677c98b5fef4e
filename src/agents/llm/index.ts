/** LLM agents: `llm:<provider>:<model>` specs whose tools are the typed actions. See llm-agent.ts. */
export type { AgentUsage, ThreadUsage } from "../agent.ts";
export { LlmBudget, type LlmBudgetLimits, type LlmBudgetUsed } from "./budget.ts";
export { LlmBudgetExhaustedError, LlmConfigError, LlmReplayMissError, RecordedLlmError } from "./errors.ts";
export { createLlmAgent, type LlmAgent, type LlmAgentOptions } from "./llm-agent.ts";
export { type PreflightOptions, preflightAgentSpecs } from "./preflight.ts";
export { costInCents, MODEL_PRICES, type ModelPrice, priceOf } from "./prices.ts";
export {
  createLanguageModel,
  type Env,
  type LlmConnection,
  type LlmConnectionOptions,
  resolveLlmConnection,
} from "./providers.ts";
export { LlmRecorder, type RecordedExchange, type RecordingMode, requestKey } from "./recorder.ts";
export { type RetryOptions, resilientModel } from "./resilient-model.ts";
export { LLM_RECORDING_FILE, type LlmRunContext, openLlmRun, usageOf } from "./run-context.ts";
export { LLM_PROVIDERS, type LlmProvider, type LlmSpec, parseLlmSpec } from "./spec.ts";
export { guardOutgoingText, scrubSecrets } from "./text-guard.ts";
export { addUsage, emptyUsage } from "./usage.ts";
