import type { Agent, AgentContext } from "./agent.ts";
import { createEngineAgent } from "./engine/engine-agent.ts";
import { isTierName, TIER_NAMES } from "./engine/strategy/tiers.ts";
import { loadModuleAgent } from "./module-agent.ts";

/** An agent spec string could not be turned into an agent. */
export class AgentSpecError extends Error {
  override name = "AgentSpecError";
}

/** Every built-in agent spec: "engine:strong", "engine:weak", and the classic baselines. */
export const ENGINE_AGENT_SPECS: readonly string[] = TIER_NAMES.map((tier) => `engine:${tier}`);

/** The spec forms createAgent knows, for help texts and error messages. */
export function agentSpecHelp(): string {
  return [...ENGINE_AGENT_SPECS, "module:<path to a JS module>"].join(", ");
}

export type AgentSpec =
  | { kind: "engine"; tier: (typeof TIER_NAMES)[number] }
  | { kind: "module"; path: string }
  | { kind: "llm"; rest: string }
  | { kind: "human" };

/** Parses a spec string, or throws an AgentSpecError listing the valid ones. */
export function parseAgentSpec(spec: string): AgentSpec {
  const trimmed = spec.trim();
  const colon = trimmed.indexOf(":");
  const kind = colon === -1 ? trimmed : trimmed.slice(0, colon);
  const rest = colon === -1 ? "" : trimmed.slice(colon + 1);
  if (kind === "engine") {
    if (isTierName(rest)) return { kind: "engine", tier: rest };
    throw new AgentSpecError(`unknown built-in agent "${spec}": use one of ${ENGINE_AGENT_SPECS.join(", ")}`);
  }
  if (kind === "module") {
    if (!rest) throw new AgentSpecError('"module:" needs a path, e.g. "module:./examples/my-agent.js"');
    return { kind: "module", path: rest };
  }
  if (kind === "llm") return { kind: "llm", rest };
  if (kind === "human") return { kind: "human" };
  throw new AgentSpecError(`unknown agent "${spec}": use one of ${agentSpecHelp()}`);
}

/**
 * Makes the agent a spec names: "engine:<tier>" (built in, no model needed) or "module:<path>"
 * (a person's own agent, loaded from a JS module, path relative to `baseDir` or the working directory).
 * @example const agent = await createAgent("engine:strong", { participantId: "ann", seed: 7 })
 */
export async function createAgent(
  spec: string,
  context: AgentContext,
  options: { baseDir?: string } = {},
): Promise<Agent> {
  const parsed = parseAgentSpec(spec);
  switch (parsed.kind) {
    case "engine":
      return createEngineAgent(parsed.tier, context);
    case "module":
      return loadModuleAgent(parsed.path, context, options);
    case "llm":
      throw new AgentSpecError(
        `"${spec}": LLM agents are not available yet; use one of ${ENGINE_AGENT_SPECS.join(", ")} or module:<path>`,
      );
    case "human":
      throw new AgentSpecError(
        `"human" agents (a person acting through the web UI) are not available yet; use one of ${agentSpecHelp()}`,
      );
  }
}
