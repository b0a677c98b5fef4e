import { errorBase } from "../domain/errors.ts";

/**
 * An agent spec string could not be turned into an agent. In its own module (re-exported by the
 * registry) so the registry can use the LLM spec parser, whose LlmConfigError extends this class.
 */
export class AgentSpecError extends errorBase("bad-input", "agents/invalid-spec") {
  override name = "AgentSpecError";
}
