import type { Agent, AgentContext } from "./agent.ts";
import { AgentSpecError } from "./agent-spec-error.ts";
import { createEngineAgent } from "./builtin/engine-agent.ts";
import { isTierName, TIER_NAMES } from "./builtin/strategy/tiers.ts";
import type { LlmAgentOptions } from "./llm/llm-agent.ts";
import type { PreflightOptions } from "./llm/preflight.ts";
import { type LlmSpec, parseLlmSpec } from "./llm/spec.ts";
import { loadModuleAgent, type ModuleAgentOptions } from "./module-agent.ts";
import { createRemoteAgent, type RemoteTurns } from "./remote-agent.ts";

export { AgentSpecError };

/** Every built-in agent spec: "engine:strong", "engine:weak", and the classic baselines. */
export const ENGINE_AGENT_SPECS: readonly string[] = TIER_NAMES.map((tier) => `engine:${tier}`);

/** The spec forms createAgent knows, for help texts and error messages. */
export function agentSpecHelp(): string {
  return [...ENGINE_AGENT_SPECS, "llm:<provider>:<model>", "module:<path to a JS module>", "remote"].join(
    ", ",
  );
}

export type AgentSpec =
  | { kind: "engine"; tier: (typeof TIER_NAMES)[number] }
  | { kind: "module"; path: string }
  | { kind: "llm"; rest: string; llm: LlmSpec }
  | { kind: "human" }
  | { kind: "remote" }
  | { kind: "test"; name: string };

/**
 * Parses a spec string, or throws an AgentSpecError listing the valid ones. This is the one grammar of
 * agent specs: the run config checks its specs with it too (src/runner/run-config.ts).
 *
 * - "engine:<tier>", a built-in tier (ENGINE_AGENT_SPECS);
 * - "llm:<provider>:<model>", checked by parseLlmSpec (an LlmConfigError names the valid providers);
 * - "module:<path>";
 * - "human" (reserved: a person acting through the web UI, not available yet);
 * - "remote": an outside agent plays the person, over MCP (src/interfaces/mcp); in the process it is
 *   a stand-in that notes each turn and never acts (src/agents/remote-agent.ts);
 * - "test:<name>" (lowercase letters and dashes): agents that tests make themselves and pass in their
 *   own `createAgent` (e.g. scriptedAgent in src/runner/testing-agents.ts, "test:scripted"). The
 *   grammar accepts them so a test's config validates; this registry does not make them.
 */
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
  if (kind === "llm") return { kind: "llm", rest, llm: parseLlmSpec(trimmed) };
  if (trimmed === "human") return { kind: "human" };
  if (trimmed === "remote") return { kind: "remote" };
  if (kind === "test") {
    if (/^[a-z-]+$/.test(rest)) return { kind: "test", name: rest };
    throw new AgentSpecError(
      `"${spec}": a test agent is "test:<name>", the name in lowercase letters and dashes`,
    );
  }
  throw new AgentSpecError(`unknown agent "${spec}": use one of ${agentSpecHelp()}`);
}

/**
 * Makes the agent a spec names: "engine:<tier>" (built in, no model needed), "llm:<provider>:<model>"
 * (a language model whose tools are the typed actions; `llm` holds the run's budget, recording and
 * keys) or "module:<path>" (a person's own agent, loaded from a JS module, path relative to `baseDir`
 * or the working directory) or "remote" (played by an outside agent; its turns are noted on
 * `remote`, the run's board of remote turns).
 * @example const agent = await createAgent("engine:strong", { participantId: "ann", seed: 7 })
 */
export async function createAgent(
  spec: string,
  context: AgentContext,
  options: {
    baseDir?: string;
    llm?: LlmAgentOptions;
    remote?: RemoteTurns;
    /** A module agent's limits (time per decide, memory); see loadModuleAgent. */
    module?: Omit<ModuleAgentOptions, "baseDir">;
  } = {},
): Promise<Agent> {
  const parsed = parseAgentSpec(spec);
  switch (parsed.kind) {
    case "engine":
      return createEngineAgent(parsed.tier, context);
    case "module":
      return loadModuleAgent(parsed.path, context, {
        ...options.module,
        ...(options.baseDir !== undefined ? { baseDir: options.baseDir } : {}),
      });
    case "llm": {
      // Loaded on demand: the model providers are only needed by runs that use them.
      const { createLlmAgent } = await import("./llm/llm-agent.ts");
      return createLlmAgent(spec.trim(), context, options.llm ?? {});
    }
    case "remote":
      return createRemoteAgent(context, options.remote);
    case "human":
      throw new AgentSpecError(
        `"human" agents (a person acting through the web UI) are not available yet; use one of ${agentSpecHelp()}`,
      );
    case "test":
      throw new AgentSpecError(
        `"${spec}" is an agent that tests make and pass in their own createAgent (see src/runner/testing-agents.ts); use one of ${agentSpecHelp()}`,
      );
  }
}

/**
 * Checks before a market starts that every "llm:" spec can run (provider known, API key set, an
 * OpenAI-compatible server reachable); other specs are ignored. Throws an LlmConfigError, which is an
 * AgentSpecError (exit code 2). See src/agents/llm/preflight.ts.
 */
export async function preflightAgentSpecs(
  specs: readonly string[],
  env: Record<string, string | undefined> = process.env,
  options: PreflightOptions = {},
): Promise<void> {
  if (!specs.some((spec) => spec.trim().startsWith("llm:"))) return;
  const preflight = await import("./llm/preflight.ts");
  await preflight.preflightAgentSpecs(specs, env, options);
}
