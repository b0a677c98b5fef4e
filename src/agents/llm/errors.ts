import { AgentSpecError } from "../registry.ts";

/**
 * An LLM agent cannot run as configured: a missing API key, an unreachable OpenAI-compatible server,
 * an unknown provider. Raised before a market starts (see `preflightAgentSpecs`). It is an
 * AgentSpecError, so the CLI already treats it as bad input (exit code 2).
 */
export class LlmConfigError extends AgentSpecError {
  override name = "LlmConfigError";
}

/** The run's shared model budget (calls, tokens or cost) is spent; the agent stops calling its model. */
export class LlmBudgetExhaustedError extends Error {
  override name = "LlmBudgetExhaustedError";
}

/** Replay-only mode met a model request that is not in the recording. */
export class LlmReplayMissError extends Error {
  override name = "LlmReplayMissError";
}

/** A recorded model failure, thrown again on replay so a resumed run re-derives the same log. */
export class RecordedLlmError extends Error {
  override name = "RecordedLlmError";
  constructor(
    message: string,
    /** The HTTP status of the original failure, if it had one. */
    readonly statusCode?: number,
  ) {
    super(message);
  }
}
