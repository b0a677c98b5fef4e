import { LlmConfigError } from "./errors.ts";

export const LLM_PROVIDERS = ["anthropic", "openai", "openai-compatible"] as const;
export type LlmProvider = (typeof LLM_PROVIDERS)[number];

/** An `llm:<provider>:<model>` spec, taken apart. */
export interface LlmSpec {
  provider: LlmProvider;
  modelId: string;
}

/** Aliases people type for an OpenAI-compatible local server. */
const COMPATIBLE_ALIASES = new Set([
  "ollama",
  "vllm",
  "lmstudio",
  "lm-studio",
  "llamacpp",
  "llama.cpp",
  "compatible",
]);

/**
 * Parses the part after "llm:" (or a whole "llm:..." spec): "anthropic:claude-opus-4-5",
 * "openai:gpt-5", "openai-compatible:llama3.1". "ollama:qwen3" (and vllm, lmstudio, llamacpp) mean
 * the OpenAI-compatible provider. Throws an LlmConfigError naming the valid forms.
 * @example parseLlmSpec("llm:anthropic:claude-haiku-4-5") // { provider: "anthropic", modelId: "claude-haiku-4-5" }
 */
export function parseLlmSpec(spec: string): LlmSpec {
  const rest = spec.trim().replace(/^llm:/, "");
  const colon = rest.indexOf(":");
  const provider = colon === -1 ? rest : rest.slice(0, colon);
  const modelId = colon === -1 ? "" : rest.slice(colon + 1).trim();
  const usage = `write "llm:<provider>:<model>" with provider one of ${LLM_PROVIDERS.join(", ")}, e.g. "llm:anthropic:claude-opus-4-5" or "llm:openai-compatible:llama3.1"`;
  if (!provider) throw new LlmConfigError(`"${spec}": ${usage}`);
  const normalised = COMPATIBLE_ALIASES.has(provider) ? "openai-compatible" : provider;
  if (!(LLM_PROVIDERS as readonly string[]).includes(normalised)) {
    throw new LlmConfigError(`"${spec}": unknown model provider "${provider}": ${usage}`);
  }
  if (!modelId) throw new LlmConfigError(`"${spec}": name the model: ${usage}`);
  return { provider: normalised as LlmProvider, modelId };
}
