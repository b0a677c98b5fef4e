/**
 * An agent's decide gave no answer within its own time limit (a module agent's worker, stopped). The
 * runner logs it as a "timeout" fault, like a turn that outlived the scheduler's limit.
 */
export class AgentTimeoutError extends Error {
  override name = "AgentTimeoutError";
}
