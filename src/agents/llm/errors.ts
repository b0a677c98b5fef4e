import { errorBase } from "../../domain/errors.ts";
import { AgentSpecError } from "../agent-spec-error.ts";

/**
 * An LLM agent cannot run as configured: a missing API key, an unreachable OpenAI-compatible server,
 * an unknown provider. Raised before a market starts (see `preflightAgentSpecs`). It is an
 * AgentSpecError, so bad input (exit code 2), an unreachable server too: the fix is in the spec, the
 * environment or the server's URL.
 */
export class LlmConfigError extends AgentSpecError {
  override name = "LlmConfigError";
  override readonly code = "llm/config";
}

/** The run's shared model budget (calls, tokens or cost) is spent; the agent stops calling its model. */
export class LlmBudgetExhaustedError extends errorBase("unavailable", "llm/budget-exhausted") {
  override name = "LlmBudgetExhaustedError";
}

/** Replay-only mode met a model request that is not in the recording: the run and its recording differ. */
export class LlmReplayMissError extends errorBase("conflict", "llm/replay-miss") {
  override name = "LlmReplayMissError";
}

/** A recorded model failure, thrown again on replay so a resumed run re-derives the same log. */
export class RecordedLlmError extends errorBase("unavailable", "llm/recorded-failure") {
  override name = "RecordedLlmError";
  constructor(
    message: string,
    /** The HTTP status of the original failure, if it had one. */
    readonly statusCode?: number,
  ) {
    super(message);
  }
}
